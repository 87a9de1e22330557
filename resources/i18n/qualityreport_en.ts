<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AnswerTexts</name>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="31"/>
        <source>待审核</source>
        <translation>Pending review</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="32"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="33"/>
        <source>退回修改</source>
        <translation>Returned for correction</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="40"/>
        <source>待答复</source>
        <translation>Awaiting reply</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="41"/>
        <source>已答复</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="42"/>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="46"/>
        <source>{0}（已逾期）</source>
        <translation>{0} (overdue)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="54"/>
        <source>导入报送文件</source>
        <translation>Submission imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="55"/>
        <source>受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="56"/>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="57"/>
        <source>发出督办</source>
        <translation>Notice raised</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="58"/>
        <source>办结督办</source>
        <translation>Notice closed</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="59"/>
        <source>收到督办答复</source>
        <translation>Notice answered</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="60"/>
        <source>登记单位密钥</source>
        <translation>Unit key registered</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="61"/>
        <source>吊销单位密钥</source>
        <translation>Unit key revoked</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="62"/>
        <source>更换单位密钥</source>
        <translation>Unit key rotated</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="63"/>
        <source>创建本办密钥</source>
        <translation>Office key created</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="64"/>
        <source>更换本办密钥</source>
        <translation>Office key rotated</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="65"/>
        <source>重建本办密钥</source>
        <translation>Office key replaced</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="66"/>
        <source>修改考核规则</source>
        <translation>Assessment rules changed</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="67"/>
        <source>发布工作方案</source>
        <translation>Plan published</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="68"/>
        <source>生成方案包</source>
        <translation>Plan package written</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="69"/>
        <source>生成反馈文件</source>
        <translation>Feedback files written</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="77"/>
        <source>同一版本有两个不同的文件</source>
        <translation>Two different files of one version</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="78"/>
        <source>按旧版工作方案填报</source>
        <translation>Made against an older plan revision</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="79"/>
        <source>有任务未填报</source>
        <translation>Tasks not reported</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="87"/>
        <source>受理回执</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="88"/>
        <source>审核意见</source>
        <translation>Review decision</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="89"/>
        <source>督办事项</source>
        <translation>Notices</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="90"/>
        <source>工作方案修订</source>
        <translation>Plan revision</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answer_texts.py" line="100"/>
        <source>密钥密码不正确，请重新输入。</source>
        <translation>The key passphrase is wrong; please type it again.</translation>
    </message>
</context>
<context>
    <name>AnswersController</name>
    <message>
        <location filename="../../app/ui/unit/answers.py" line="144"/>
        <source>答复未保存：{0}</source>
        <translation>Response not saved: {0}</translation>
    </message>
</context>
<context>
    <name>AssessmentPage</name>
    <message>
        <location filename="../../app/ui/office/assessment_page.py" line="128"/>
        <source>考核规则（权重可修改，总分按启用规则的权重折算为百分制）</source>
        <translation>Scoring rules (weights can be changed; totals are scaled to 100 over the enabled rules&apos; weights)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_page.py" line="130"/>
        <source>各单位得分（选中一个单位查看得分说明）</source>
        <translation>Scores per unit (select a unit to see how its score was made)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_page.py" line="131"/>
        <source>恢复默认规则</source>
        <translation>Restore default rules</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_page.py" line="149"/>
        <source>逾期折算系数</source>
        <translation>Late credit</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_page.py" line="154"/>
        <source>逾期报送的一期按此系数计入按时报送：0 不得分，1 与按时报送相同</source>
        <translation>A late report counts this much of an on-time one: 0 scores nothing, 1 the same as on time</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_page.py" line="363"/>
        <source>选中一个单位，查看每一项得分的依据。</source>
        <translation>Select a unit to see what each part of its score rests on.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_page.py" line="369"/>
        <source>总分 {0}（第 {1} 名）</source>
        <translation>total {0} (rank {1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_page.py" line="374"/>
        <source>权重 {0}，得分率 {1}%，得 {2} 分</source>
        <translation>weight {0}, {1}% achieved, {2} points</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_page.py" line="378"/>
        <source>不适用，不计分（权重不计入总权重）</source>
        <translation>not applicable: no points (its weight leaves the total weight)</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="60"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="61"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="62"/>
        <source>操作人</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="63"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="64"/>
        <source>对象</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="65"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="66"/>
        <source>校验值</source>
        <translation>Hash</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="170"/>
        <source>操作(&amp;A)</source>
        <translation>&amp;Action</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="171"/>
        <source>操作人(&amp;M)</source>
        <translation>Sta&amp;ff</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="172"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="173"/>
        <source>从(&amp;F)</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="174"/>
        <source>到(&amp;T)</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="175"/>
        <source>校验日志(&amp;V)</source>
        <translation>&amp;Verify log</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="176"/>
        <source>逐条核对日志的校验值：任何一条被修改或删除都能发现</source>
        <translation>Check every row against its hash: any edited or deleted row is found</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="180"/>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="223"/>
        <source>{0} 条</source>
        <translation>{0} rows</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="236"/>
        <source>无法校验：{0}</source>
        <translation>Cannot verify: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="261"/>
        <source>✓ 日志完整：{0} 条记录的校验链全部一致。</source>
        <translation>✓ The log is intact: the hash chain of all {0} rows holds.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/audit_page.py" line="267"/>
        <source>✗ 日志被改动：第 {0} 条记录起校验链不一致。{1}</source>
        <translation>✗ The log was altered: the hash chain breaks at row {0}. {1}</translation>
    </message>
</context>
<context>
    <name>BoardModel</name>
    <message>
        <location filename="../../app/ui/office/board_page.py" line="28"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/board_page.py" line="29"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/board_page.py" line="30"/>
        <source>责任单位 / 所属任务</source>
        <translation>Owner / task</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/board_page.py" line="31"/>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/board_page.py" line="32"/>
        <source>实际</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/board_page.py" line="33"/>
        <source>达标情况</source>
        <translation>Attainment</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/board_page.py" line="34"/>
        <source>数据来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/board_page.py" line="39"/>
        <source>达标</source>
        <translation>Met</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/board_page.py" line="40"/>
        <source>未达标</source>
        <translation>Not met</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/board_page.py" line="41"/>
        <source>无数据</source>
        <translation>No data</translation>
    </message>
</context>
<context>
    <name>BoardPage</name>
    <message>
        <location filename="../../app/ui/office/board_page.py" line="98"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/board_page.py" line="99"/>
        <source>达标情况</source>
        <translation>Attainment</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/board_page.py" line="104"/>
        <location filename="../../app/ui/office/board_page.py" line="111"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/board_page.py" line="105"/>
        <source>工作目标指标</source>
        <translation>Goal indicators</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/board_page.py" line="106"/>
        <source>任务目标值</source>
        <translation>Task targets</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/board_page.py" line="145"/>
        <source>共 {0} 项：达标 {1}，未达标 {2}，无数据 {3}</source>
        <translation>{0} items: {1} met, {2} not met, {3} without data</translation>
    </message>
</context>
<context>
    <name>BulletinDialog</name>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="123"/>
        <source>生成通报</source>
        <translation>Bulletin</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="124"/>
        <source>通报类型(&amp;K)：</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="125"/>
        <source>报告期(&amp;P)：</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="126"/>
        <source>成文日期(&amp;D)：</source>
        <translation>&amp;Date of issue:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="130"/>
        <source>工作进展情况通报</source>
        <translation>Progress bulletin</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="131"/>
        <source>年度考核结果通报</source>
        <translation>Annual assessment bulletin</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="134"/>
        <source>另存为 Word 文件(&amp;S)…</source>
        <translation>&amp;Save as Word file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="135"/>
        <source>打开(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="136"/>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="191"/>
        <source>正在生成通报…</source>
        <translation>Making the bulletin…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="229"/>
        <source>无法生成通报：{0}</source>
        <translation>Cannot make the bulletin: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="234"/>
        <source>{0}年度考核结果通报.docx</source>
        <translation>Assessment bulletin {0}.docx</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="235"/>
        <source>{0}工作进展情况通报.docx</source>
        <translation>Progress bulletin {0}.docx</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="239"/>
        <source>保存通报</source>
        <translation>Save the bulletin</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="239"/>
        <source>Word 文档 (*.docx)</source>
        <translation>Word document (*.docx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="253"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="266"/>
        <source>已保存：{0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="279"/>
        <source>无法保存：{0}（文件是否正在 Word 中打开？）</source>
        <translation>Cannot save: {0} (is the file open in Word?)</translation>
    </message>
</context>
<context>
    <name>ChangeList</name>
    <message>
        <location filename="../../app/ui/office/change_list.py" line="22"/>
        <source>目标实际值</source>
        <translation>Target actuals</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/change_list.py" line="48"/>
        <source>任务 {0} {1}</source>
        <translation>Task {0} {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/change_list.py" line="56"/>
        <source>指标 {0} {1}</source>
        <translation>Indicator {0} {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/change_list.py" line="78"/>
        <source>任务/指标</source>
        <translation>Task / indicator</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/change_list.py" line="79"/>
        <source>项目</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/change_list.py" line="80"/>
        <source>原值</source>
        <translation>Current value</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/change_list.py" line="81"/>
        <source>新值</source>
        <translation>New value</translation>
    </message>
</context>
<context>
    <name>ChangesDialog</name>
    <message>
        <location filename="../../app/ui/unit/plan_banner.py" line="55"/>
        <source>工作方案的变更</source>
        <translation>Changes to the plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/plan_banner.py" line="57"/>
        <source>“{0}”已修订为第 {1} 版，变更如下（共 {2} 处）：</source>
        <translation>“{0}” was revised to revision {1}. The changes ({2}):</translation>
    </message>
</context>
<context>
    <name>ChartsPage</name>
    <message>
        <location filename="../../app/ui/office/charts_page.py" line="46"/>
        <source>正在准备图表…</source>
        <translation>Preparing the charts…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/charts_page.py" line="125"/>
        <source>{0} 各板块平均完成度（%）</source>
        <translation>{0}: average completion by section (%)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/charts_page.py" line="145"/>
        <source>完成度</source>
        <translation>Completion</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/charts_page.py" line="130"/>
        <source>{0} 各单位平均完成度（%）</source>
        <translation>{0}: average completion by unit (%)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/charts_page.py" line="173"/>
        <source>{0} 任务填报状态分布</source>
        <translation>{0}: task status mix</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/charts_page.py" line="192"/>
        <source>{0} 已报送单位数（累计）</source>
        <translation>{0}: units reported (cumulative)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/charts_page.py" line="225"/>
        <source>虚线：截止日 {0}</source>
        <translation>dashed line: due date {0}</translation>
    </message>
</context>
<context>
    <name>ClerkPage</name>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="208"/>
        <source>填报人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="209"/>
        <source>报送文件中会写明填报人和联系电话，便于市质量强市办联系核实。</source>
        <translation>Each submission names the clerk and a phone number, so the office can call to check.</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="210"/>
        <source>姓名(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="211"/>
        <source>联系电话(&amp;T)：</source>
        <translation>&amp;Telephone:</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="212"/>
        <source>例如：张三</source>
        <translation>e.g. Zhang San</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="213"/>
        <source>例如：0755-88888888 或 13800000000</source>
        <translation>e.g. 0755-88888888 or 13800000000</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="214"/>
        <source>以后可以在“设置”中修改。</source>
        <translation>You can change these later under Settings.</translation>
    </message>
</context>
<context>
    <name>CopyDialog</name>
    <message>
        <location filename="../../app/ui/unit/copy_dialog.py" line="112"/>
        <source>从上期复制</source>
        <translation>Copy from previous period</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/copy_dialog.py" line="115"/>
        <source>把“{prev}”已填写的内容复制到“{this}”，再在此基础上修改。已勾选的是本期尚未填写、上期已填写的任务。</source>
        <translation>Copy what was filled in for “{prev}” into “{this}”, then edit it. Ticked: tasks blank in this period and filled in the previous one.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/copy_dialog.py" line="119"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/copy_dialog.py" line="119"/>
        <source>上期</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/copy_dialog.py" line="119"/>
        <source>本期</source>
        <translation>This period</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/copy_dialog.py" line="123"/>
        <location filename="../../app/ui/unit/copy_dialog.py" line="124"/>
        <source>未填写</source>
        <translation>blank</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/copy_dialog.py" line="125"/>
        <source>覆盖本期已填写的内容（勾选的任务）</source>
        <translation>Overwrite what is already filled in this period (ticked tasks)</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/copy_dialog.py" line="128"/>
        <source>复制(&amp;C)</source>
        <translation>&amp;Copy</translation>
    </message>
</context>
<context>
    <name>CopyPlanDialog</name>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="167"/>
        <source>复制上一年度方案</source>
        <translation>Copy last year&apos;s plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="170"/>
        <source>复制(&amp;S)：</source>
        <translation>&amp;Source plan:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="170"/>
        <source>新方案年度(&amp;Y)：</source>
        <translation>&amp;Year of the new plan:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="170"/>
        <source>新方案编号(&amp;C)：</source>
        <translation>&amp;Code of the new plan:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="178"/>
        <source>成员单位、单位组、任务、目标和报告期都会复制过来，日期顺延到新年度；复制后请逐项修改为新年度的内容。</source>
        <translation>Units, groups, tasks, targets and periods are copied, with the dates moved to the new year; then edit them into the new year&apos;s plan.</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="57"/>
        <source>在左侧矩阵中选中一项任务，这里显示各单位的填报内容、目标值和版本历史。</source>
        <translation>Select a task in the matrix to see every unit&apos;s report, the targets and the version history here.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="91"/>
        <source>{0} 报告期：{1} 个责任单位中 {2} 个已填报。</source>
        <translation>Period {0}: {2} of {1} responsible units reported.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="105"/>
        <source>未报送</source>
        <translation>not reported</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="105"/>
        <source>已报送，但未填报此任务</source>
        <translation>reported, but not on this task</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="112"/>
        <source>逾期报送</source>
        <translation>sent late</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="117"/>
        <source>工作进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="118"/>
        <source>存在问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="119"/>
        <source>下一步计划</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="124"/>
        <source>来源：{0}，签署于 {1}</source>
        <translation>Source: {0}, signed {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="159"/>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="159"/>
        <source>要求</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="159"/>
        <source>实际</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="159"/>
        <source>是否达标</source>
        <translation>Met?</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="170"/>
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="172"/>
        <source>达标</source>
        <translation>Met</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="174"/>
        <source>未达标</source>
        <translation>Not met</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="189"/>
        <source>版本历史</source>
        <translation>Version history</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="195"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="196"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="197"/>
        <source>签署时间</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="198"/>
        <source>导入时间</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="199"/>
        <source>与上一版相比</source>
        <translation>Changes against the previous version</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="206"/>
        <source>（当前）</source>
        <translation>(current)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="206"/>
        <source>（已被替换）</source>
        <translation>(replaced)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="209"/>
        <source>首次报送</source>
        <translation>first report</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="209"/>
        <source>此任务无改动</source>
        <translation>no change on this task</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="212"/>
        <source>逾期</source>
        <translation>late</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="140"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="140"/>
        <source>退回…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="148"/>
        <source>总体意见</source>
        <translation>General comment</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/detail_pane.py" line="149"/>
        <source>本任务意见</source>
        <translation>Comment on this task</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="280"/>
        <source>设置完成</source>
        <translation>Set-up complete</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="281"/>
        <source>请把密钥登记文件交给市质量强市办，并核对指纹。</source>
        <translation>Give the key registration file to the office and confirm the fingerprint.</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="282"/>
        <source>本单位签名密钥的指纹：</source>
        <translation>Fingerprint of your unit&apos;s signing key:</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="283"/>
        <source>保存登记文件(&amp;S)…</source>
        <translation>&amp;Save registration file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="286"/>
        <source>市质量强市办收到登记文件后，会通过电话或加盖公章的书面材料向您核对这串指纹；只有核对一致，您报送的文件才会被接受。请勿通过电子邮件单独确认指纹。</source>
        <translation>When the office receives the registration file it will confirm this fingerprint with you by phone or on a stamped paper form; your submissions are accepted only once it matches. Do not confirm the fingerprint by e-mail alone.</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="307"/>
        <source>本机已设置为 {unit} 的填报电脑，填报人：{clerk}。</source>
        <translation>This computer now reports for {unit}; clerk: {clerk}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="321"/>
        <source>保存密钥登记文件</source>
        <translation>Save key registration file</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="323"/>
        <source>密钥登记文件 (*.json)</source>
        <translation>Key registration file (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="332"/>
        <source>保存失败：{reason}</source>
        <translation>Could not save: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="338"/>
        <source>已保存到 {path}；请打印 {sheet}，签字盖章后随登记文件报送。</source>
        <translation>Saved to {path}. Print {sheet}, have it signed and stamped, and send it with the registration file.</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="343"/>
        <source>已保存到 {path}</source>
        <translation>Saved to {path}</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <location filename="../../app/ui/unit/entry_form.py" line="228"/>
        <source>状态(&amp;S)：</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/entry_form.py" line="231"/>
        <source>完成度(&amp;C)：</source>
        <translation>Per&amp;cent complete:</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/entry_form.py" line="232"/>
        <source>0-100</source>
        <translation>0-100</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/entry_form.py" line="233"/>
        <source>工作进展(&amp;R)：</source>
        <translation>P&amp;rogress:</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/entry_form.py" line="234"/>
        <source>存在问题(&amp;B)：</source>
        <translation>Pro&amp;blems:</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/entry_form.py" line="235"/>
        <source>下一步计划(&amp;N)：</source>
        <translation>&amp;Next steps:</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/entry_form.py" line="236"/>
        <source>本期做了哪些工作，取得了什么进展</source>
        <translation>What was done this period and what it achieved</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/entry_form.py" line="237"/>
        <source>遇到的困难和问题；状态为“滞后”时必填</source>
        <translation>Difficulties met; required when the task is delayed</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/entry_form.py" line="238"/>
        <source>下一步的工作安排</source>
        <translation>What comes next</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/entry_form.py" line="239"/>
        <source>目标值完成情况</source>
        <translation>Targets reached</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/entry_form.py" line="240"/>
        <source>（截至本报告期末的实际完成数，只填数字）</source>
        <translation>(the actual figure at the end of this period, numbers only)</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/entry_form.py" line="248"/>
        <source>目标 {goal}，实际：</source>
        <translation>target {goal}, actual:</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/entry_form.py" line="254"/>
        <source>任务 {no}：{title}</source>
        <translation>Task {no}: {title}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/entry_form.py" line="256"/>
        <source>本单位角色：{role}</source>
        <translation>Our role: {role}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/entry_form.py" line="249"/>
        <source>实际值</source>
        <translation>actual</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../app/ui/unit/export_dialog.py" line="56"/>
        <source>导出报送文件</source>
        <translation>Export submission</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/export_dialog.py" line="59"/>
        <source>将导出 {title}（{code}）第 {v} 版报送文件，并用本单位的签名密钥签名。文件导出后请勿修改，修改会使签名失效。</source>
        <translation>Version {v} of the submission for {title} ({code}) will be exported and signed with your unit&apos;s key. Do not edit the file after export: any change breaks the signature.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/export_dialog.py" line="87"/>
        <source>浏览(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/export_dialog.py" line="97"/>
        <source>保存到(&amp;S)：</source>
        <translation>&amp;Save to:</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/export_dialog.py" line="98"/>
        <source>密钥密码(&amp;P)：</source>
        <translation>Key &amp;passphrase:</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/export_dialog.py" line="105"/>
        <source>签名并导出(&amp;E)</source>
        <translation>Sign and &amp;export</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/export_dialog.py" line="109"/>
        <source>打开所在文件夹(&amp;O)</source>
        <translation>&amp;Open containing folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/export_dialog.py" line="120"/>
        <source>保存报送文件</source>
        <translation>Save submission</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/export_dialog.py" line="120"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/export_dialog.py" line="135"/>
        <source>请输入密钥密码。</source>
        <translation>Please type the key passphrase.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/export_dialog.py" line="143"/>
        <source>正在签名并写入文件…</source>
        <translation>Signing and writing the file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/export_dialog.py" line="155"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/export_dialog.py" line="162"/>
        <source>已导出第 {v} 版：{path}
SHA-256 {sha}…
请将此文件报送市质量强市办。</source>
        <translation>Exported version {v}: {path}
SHA-256 {sha}…
Please send this file to the office.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/export_dialog.py" line="176"/>
        <source>密码不正确，请重新输入。</source>
        <translation>Wrong passphrase; please type it again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/export_dialog.py" line="181"/>
        <source>本期还有 {k} 个问题需要处理，未导出。</source>
        <translation>{k} problem(s) in this period still need fixing; nothing was exported.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/export_dialog.py" line="185"/>
        <source>导出失败：{reason}</source>
        <translation>Export failed: {reason}</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="197"/>
        <source>生成反馈文件</source>
        <translation>Feedback files</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="200"/>
        <source>为本报告期有新消息的每个单位生成一个带本办签名的反馈文件：受理回执、审核意见、督办事项和工作方案修订。把文件交给各单位，单位导入后即可看到。</source>
        <translation>Writes one feedback file signed by the office for every unit with news this period: receipts, review decisions, notices and plan revisions. Give each unit its file; it sees the news once it imports it.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="204"/>
        <source>报告期(&amp;P)：</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="205"/>
        <source>保存到文件夹(&amp;F)：</source>
        <translation>Save to &amp;folder:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="206"/>
        <source>浏览(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="207"/>
        <source>生成(&amp;G)</source>
        <translation>&amp;Generate</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="208"/>
        <source>取消(&amp;C)</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="209"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="219"/>
        <source>选择保存反馈文件的文件夹</source>
        <translation>Choose the folder for the feedback files</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="238"/>
        <source>反馈文件用本办的签名密钥签名，请输入密钥密码。</source>
        <translation>Feedback files are signed with the office&apos;s key. Type the key passphrase.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="256"/>
        <source>正在生成反馈文件…</source>
        <translation>Writing feedback files…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="264"/>
        <source>正在取消：写完当前单位的文件后停止…</source>
        <translation>Cancelling: stopping after the current unit…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="276"/>
        <source>正在生成反馈文件：{0}（{1}/{2}）</source>
        <translation>Writing feedback files: {0} ({1}/{2})</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="285"/>
        <source>已取消：已生成 {0} 个文件，保存在 {1}。</source>
        <translation>Cancelled: {0} files written to {1}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="287"/>
        <source>已生成 {0} 个单位的反馈文件，保存在 {1}。</source>
        <translation>Feedback files for {0} units written to {1}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="289"/>
        <source>本报告期没有需要反馈的新消息，没有生成文件。</source>
        <translation>No unit has news this period; no file was written.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="295"/>
        <source>未能生成反馈文件：{0}</source>
        <translation>Could not write the feedback files: {0}</translation>
    </message>
</context>
<context>
    <name>GroupsTab</name>
    <message>
        <location filename="../../app/ui/office/plans/tabs.py" line="184"/>
        <source>单位组（任务的责任单位可以是一个组，如“各成员单位”）</source>
        <translation>Groups (a task can be assigned to a group, such as “all member units”)</translation>
    </message>
</context>
<context>
    <name>GuessesModel</name>
    <message>
        <location filename="../../app/ui/office/plans/issues_panel.py" line="69"/>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/issues_panel.py" line="69"/>
        <source>推测的内容</source>
        <translation>What was guessed</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/issues_panel.py" line="69"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
</context>
<context>
    <name>HeaderTab</name>
    <message>
        <location filename="../../app/ui/office/plans/tabs.py" line="69"/>
        <source>方案编号在新建时确定，不能修改。发布日期写成 2017-03-15 这样的格式。</source>
        <translation>The plan code is fixed when the plan is made. Write the publication date like 2017-03-15.</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <location filename="../../app/ui/common/help_menu.py" line="39"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/help_menu.py" line="40"/>
        <source>打开日志文件夹(&amp;L)</source>
        <translation>Open &amp;log folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/help_menu.py" line="42"/>
        <source>程序日志所在的文件夹；遇到问题时请把其中的文件发给技术支持</source>
        <translation>The folder of the program&apos;s log; when something goes wrong, send its files to technical support</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/help_menu.py" line="51"/>
        <source>日志文件夹</source>
        <translation>Log folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/help_menu.py" line="52"/>
        <source>程序日志保存在：{0}</source>
        <translation>The program&apos;s log is kept in: {0}</translation>
    </message>
</context>
<context>
    <name>ImportCodeDialog</name>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="236"/>
        <source>从方案文件导入</source>
        <translation>Import from a plan file</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="239"/>
        <source>读到“{0}”：{1} 项任务，{2} 个单位，{3} 处推测待确认。</source>
        <translation>Read “{0}”: {1} tasks, {2} units, {3} guesses to confirm.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="243"/>
        <source>年度：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="244"/>
        <source>方案编号(&amp;C)：</source>
        <translation>Plan &amp;code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="254"/>
        <source>方案 {0} 已有草稿：请先发布或放弃该草稿，或换一个编号。</source>
        <translation>Plan {0} already has a draft: publish or discard it first, or choose another code.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="261"/>
        <source>已有方案 {0}：导入的内容将作为它的第 {1} 版草稿。</source>
        <translation>Plan {0} exists: the file becomes the draft of its revision {1}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="268"/>
        <source>导入后成为新方案的草稿；核对推测的内容后即可发布。</source>
        <translation>The file becomes the draft of a new plan; confirm what was guessed, then publish it.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="194"/>
        <source>导入报送文件</source>
        <translation>Import submissions</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="195"/>
        <source>把报送文件（.xlsx）或整个文件夹拖到这里，或者：</source>
        <translation>Drop submission files (.xlsx) or whole folders here, or:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="196"/>
        <source>添加文件…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="197"/>
        <source>添加文件夹…</source>
        <translation>Add folder…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="198"/>
        <source>清空列表</source>
        <translation>Clear list</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="199"/>
        <source>登记此密钥…</source>
        <translation>Register this key…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="200"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="201"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="202"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="219"/>
        <source>正在处理，请等当前的预览或导入结束后再添加文件。</source>
        <translation>Busy: add files once the current preview or import has finished.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="223"/>
        <source>没有找到新的报送文件（.xlsx）。</source>
        <translation>No new submission files (.xlsx) found.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="231"/>
        <source>选择报送文件</source>
        <translation>Choose submission files</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="233"/>
        <source>报送文件 (*.xlsx);;所有文件 (*)</source>
        <translation>Submissions (*.xlsx);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="239"/>
        <source>选择包含报送文件的文件夹</source>
        <translation>Choose a folder holding submissions</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="283"/>
        <source>正在取消：已开始的文件处理完毕后停止…</source>
        <translation>Cancelling: stopping once the files already started are done…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="304"/>
        <source>正在预览 {0} 个文件（不会改动数据）…</source>
        <translation>Previewing {0} file(s) (nothing is changed)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="306"/>
        <source>正在导入 {0} 个文件…</source>
        <translation>Importing {0} file(s)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="347"/>
        <source>无法完成：{0}</source>
        <translation>Could not finish: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="361"/>
        <source>预览：新增 {0}，替换 {1}，无变化 {2}，存入历史 {3}，拒收 {4}。确认无误后点“导入”。</source>
        <translation>Preview: {0} new, {1} replacing, {2} unchanged, {3} to history, {4} refused. Click Import when it looks right.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="364"/>
        <source>导入完成：新增 {0}，替换 {1}，无变化 {2}，存入历史 {3}，拒收 {4}。</source>
        <translation>Import finished: {0} new, {1} replacing, {2} unchanged, {3} to history, {4} refused.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="367"/>
        <source>已取消：{0} 个文件未处理，已处理的文件保持有效。</source>
        <translation>Cancelled: {0} file(s) not processed; the files already processed stay applied.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="397"/>
        <source>选中一个文件，可在此查看它与当前版本逐项的差异。</source>
        <translation>Select a file to see its field-by-field differences against the current version.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="406"/>
        <source>{0}：拒收。{1}</source>
        <translation>{0}: refused. {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="408"/>
        <source>{0}：本单位本期的第一份报送，没有可比较的当前版本。</source>
        <translation>{0}: the unit&apos;s first report for this period; there is no current version to compare.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="411"/>
        <source>{0}：与当前版本相比有 {1} 处改动。</source>
        <translation>{0}: {1} change(s) against the current version.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="416"/>
        <source>同一批中还有更新的 v{0}，导入后以它为当前版本。</source>
        <translation>This batch also holds the newer v{0}, which will be the current version.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="433"/>
        <source>无法从文件读取密钥：{0}</source>
        <translation>Cannot read the key from the file: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="469"/>
        <source>重新导入</source>
        <translation>import again</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="469"/>
        <source>重新预览</source>
        <translation>preview again</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="472"/>
        <source>密钥已登记</source>
        <translation>Key registered</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_dialog.py" line="473"/>
        <source>密钥已登记。是否立即{0}由该密钥签名的 {1} 个文件？</source>
        <translation>The key is registered. {0} the {1} file(s) signed with it now?</translation>
    </message>
</context>
<context>
    <name>ImportOutcome</name>
    <message>
        <location filename="../../app/ui/office/outcome_text.py" line="49"/>
        <source>⚠ 同版本冲突</source>
        <translation>⚠ same-version conflict</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/outcome_text.py" line="23"/>
        <source>已接收</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/outcome_text.py" line="24"/>
        <source>旧版本（存入历史）</source>
        <translation>Older version (kept in history)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/outcome_text.py" line="25"/>
        <source>重复（无变化）</source>
        <translation>Duplicate (no change)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/outcome_text.py" line="26"/>
        <source>拒收</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/outcome_text.py" line="57"/>
        <source>无变化（已导入过）</source>
        <translation>No change (already imported)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/outcome_text.py" line="59"/>
        <source>旧版本：{0}</source>
        <translation>Older version: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/outcome_text.py" line="62"/>
        <source>拒收：{0}</source>
        <translation>Refused: {0}</translation>
    </message>
</context>
<context>
    <name>ImportTableModel</name>
    <message>
        <location filename="../../app/ui/office/import_table.py" line="160"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_table.py" line="161"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_table.py" line="162"/>
        <source>报告期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_table.py" line="163"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_table.py" line="164"/>
        <source>预览：导入后将</source>
        <translation>Preview: importing will</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_table.py" line="165"/>
        <source>导入结果</source>
        <translation>Import result</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_table.py" line="204"/>
        <source>等待预览…</source>
        <translation>Waiting for preview…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_table.py" line="207"/>
        <source>存入历史：本批还有更新的 v{0}</source>
        <translation>Go to history: this batch holds the newer v{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_table.py" line="211"/>
        <source>{0} 处改动</source>
        <translation>{0} change(s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/import_table.py" line="215"/>
        <source>已取消，未导入</source>
        <translation>Cancelled, not imported</translation>
    </message>
</context>
<context>
    <name>IndicatorPage</name>
    <message>
        <location filename="../../app/ui/unit/indicator_page.py" line="87"/>
        <source>下列全市工作目标指标由本单位负责。季度报告可填写截至期末的最新数值；年度总结必须填写全年实际值。</source>
        <translation>Your unit is responsible for these city-wide goal indicators. Quarterly reports may give the latest figure; the annual report must give the actual value for the year.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/indicator_page.py" line="91"/>
        <source>本单位不负责工作目标指标。</source>
        <translation>Your unit owns no goal indicators.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/indicator_page.py" line="94"/>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/indicator_page.py" line="94"/>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/indicator_page.py" line="94"/>
        <location filename="../../app/ui/unit/indicator_page.py" line="99"/>
        <source>实际值</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/indicator_page.py" line="94"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/indicator_page.py" line="100"/>
        <source>数据来源、口径等（可不填）</source>
        <translation>Source, definition… (optional)</translation>
    </message>
</context>
<context>
    <name>IssuesPanel</name>
    <message>
        <location filename="../../app/ui/office/plans/issues_panel.py" line="131"/>
        <source>确认所选(空格)</source>
        <translation>Confirm selected (Space)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/issues_panel.py" line="132"/>
        <source>全部确认</source>
        <translation>Confirm all</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/issues_panel.py" line="133"/>
        <source>确认列表中全部待确认的内容</source>
        <translation>Confirm every guess in the list</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/issues_panel.py" line="147"/>
        <source>问题（{0}）</source>
        <translation>Problems ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/issues_panel.py" line="155"/>
        <source>待确认（{0}）</source>
        <translation>To confirm ({0})</translation>
    </message>
</context>
<context>
    <name>KeyCareDialog</name>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="43"/>
        <source>密码不正确，请重新输入。</source>
        <translation>Wrong passphrase; please enter it again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="102"/>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="251"/>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="255"/>
        <source>本单位签名密钥</source>
        <translation>This unit&apos;s signing key</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="103"/>
        <source>本单位的签名密钥，指纹（市质量强市办凭它核对报送文件）：</source>
        <translation>This unit&apos;s signing key, fingerprint (the office checks submissions by it):</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="107"/>
        <source>修改密码(&amp;P)…</source>
        <translation>Change &amp;passphrase…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="108"/>
        <source>记得密码，想换一个：密钥和指纹不变，无需重新登记。</source>
        <translation>You know the passphrase and want another: the key and fingerprint stay, no new registration.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="111"/>
        <source>备份密钥(&amp;B)…</source>
        <translation>&amp;Back up key…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="113"/>
        <source>把加密的密钥和已用的报送编号存到 U 盘等处；仍由密码保护，每次导出后请重新备份。</source>
        <translation>Saves the sealed key and the export numbers used so far, e.g. to a USB stick; still protected by the passphrase. Back up again after every export.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="118"/>
        <source>导出登记文件(&amp;E)…</source>
        <translation>&amp;Export registration…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="120"/>
        <source>密钥登记文件和可打印的登记表（更换密钥后还有密钥更换声明），交市质量强市办。</source>
        <translation>The key registration file and its printable form (after a rotation, the rotation statement too), for the office.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="124"/>
        <source>更换密钥(&amp;R)…</source>
        <translation>&amp;Rotate key…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="125"/>
        <source>怀疑密钥泄露或按要求更换（需要现在的密码）：旧密钥签署更换声明。</source>
        <translation>The key may have leaked, or a change is required (needs the current passphrase): the old key signs a rotation statement.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="128"/>
        <source>忘记密码(&amp;F)…</source>
        <translation>&amp;Forgot passphrase…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="129"/>
        <source>生成新密钥，填写的内容和报送编号保留；须由市质量强市办重新登记。</source>
        <translation>Makes a new key, keeping the entries and export numbers; the office must register it again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="141"/>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="186"/>
        <source>请输入现在的密码：</source>
        <translation>Enter the current passphrase:</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="142"/>
        <source>设置新密码（至少 10 个字符）：</source>
        <translation>Choose a new passphrase (at least 10 characters):</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="148"/>
        <source>密码已修改：密钥和指纹不变，无需重新登记。</source>
        <translation>Passphrase changed: the key and fingerprint stay the same, no new registration needed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="155"/>
        <source>备份签名密钥</source>
        <translation>Back up the signing key</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="157"/>
        <source>密钥备份 (*.json)</source>
        <translation>Key backups (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="165"/>
        <source>备份失败：{0}</source>
        <translation>Backup failed: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="169"/>
        <source>密钥已备份到 {0}。备份仍由密码保护，恢复时需要原密码；每次导出后请重新备份。</source>
        <translation>Key backed up to {0}. The backup is still protected by the passphrase, which restoring it needs; back up again after every export.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="180"/>
        <source>将生成新的签名密钥，由现在的密钥签署一份密钥更换声明。

随后请导出密钥更换声明、新的登记文件和登记表，一并交市质量强市办，并电话核对新指纹；市质量强市办登记之前，新导出的报送文件不会被接收。继续吗？</source>
        <translation>A new signing key will be made, and the current key signs a rotation statement for it.

Then export the rotation statement, the new registration file and its form, give them to the office together and confirm the new fingerprint by phone; until the office registers it, new submissions are not accepted. Continue?</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="187"/>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="205"/>
        <source>为新密钥设置密码（至少 10 个字符）：</source>
        <translation>Choose a passphrase for the new key (at least 10 characters):</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="198"/>
        <source>忘记的密码无法找回，原密钥也不能再签名。将生成新的签名密钥，原密钥作废；已填写的内容和报送编号都保留。

随后请导出新的登记文件和登记表交市质量强市办，并电话核对新指纹；市质量强市办登记新密钥后，新导出的报送文件才会被接收。以前报送的文件仍然有效。继续吗？</source>
        <translation>A forgotten passphrase cannot be recovered, and the old key can no longer sign. A new signing key will be made and the old one voided; the entries and export numbers are kept.

Then export the new registration file and its form for the office and confirm the new fingerprint by phone; new submissions are accepted once the office registers the new key. Earlier submissions stay valid. Continue?</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="219"/>
        <source>保存密钥登记文件</source>
        <translation>Save the key registration file</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="219"/>
        <source>密钥登记文件 (*.json)</source>
        <translation>Key registration files (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="233"/>
        <source>保存失败：{0}</source>
        <translation>Saving failed: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="235"/>
        <source>已保存 {file}；请打印 {sheet}，签字盖章后随登记文件交市质量强市办。</source>
        <translation>Saved {file}; print {sheet}, sign and stamp it, and give it to the office with the registration file.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="238"/>
        <source>密钥更换声明 {0} 也请一并交去。</source>
        <translation> Give the rotation statement {0} with them.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="247"/>
        <source>已生成新密钥，新指纹见上。请点“导出登记文件”，把文件交市质量强市办，并电话核对新指纹。</source>
        <translation>New key made; its fingerprint is shown above. Click “Export registration” and give the files to the office, then confirm the new fingerprint by phone.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/key_care_dialog.py" line="276"/>
        <source>请稍候…</source>
        <translation>Please wait…</translation>
    </message>
</context>
<context>
    <name>KeyConfirmDialog</name>
    <message>
        <location filename="../../app/ui/office/key_confirm.py" line="100"/>
        <source>核对并登记签名密钥</source>
        <translation>Confirm and register a signing key</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/key_confirm.py" line="103"/>
        <source>请与该单位通过电话或盖章的《签名密钥登记表》逐组核对下面的指纹。指纹完全一致时才可登记；不一致时请勿登记。</source>
        <translation>Compare the fingerprint below group by group with the unit, by phone or against its stamped key registration sheet. Register only if every group matches; if not, do not register.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/key_confirm.py" line="115"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/key_confirm.py" line="116"/>
        <source>填报人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/key_confirm.py" line="118"/>
        <source>密钥生成时间</source>
        <translation>Key created</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/key_confirm.py" line="122"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/key_confirm.py" line="124"/>
        <source>我已通过电话/盖章回执核对指纹</source>
        <translation>I have confirmed the fingerprint by phone / stamped receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/key_confirm.py" line="131"/>
        <source>登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/key_confirm.py" line="141"/>
        <source>公钥指纹（SHA-256）</source>
        <translation>Public key fingerprint (SHA-256)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/key_confirm.py" line="161"/>
        <source>登记失败：{0}</source>
        <translation>Registration failed: {0}</translation>
    </message>
</context>
<context>
    <name>KeyModel</name>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="92"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="93"/>
        <source>填报人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="94"/>
        <source>指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="95"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="96"/>
        <source>登记时间</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="97"/>
        <source>失效自</source>
        <translation>Invalid from</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="98"/>
        <source>单位代码</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="103"/>
        <source>有效</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="104"/>
        <source>已吊销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="105"/>
        <source>已更换</source>
        <translation>Replaced</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="126"/>
        <source>签名密钥</source>
        <translation>Signing key</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="128"/>
        <source>报送文件用本单位的签名密钥签名。请设一个密码保护密钥，导出时需要输入。</source>
        <translation>Submissions are signed with your unit&apos;s key. Choose a passphrase to protect it; you will type it when exporting.</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="132"/>
        <source>密码至少 {n} 个字符，可以用一句好记的话（可含中文）。密码只保存在您的记忆中：忘记后无法再导出签名文件，只能重新设置密钥并重新登记。</source>
        <translation>At least {n} characters; a sentence you remember works well (Chinese is fine). Only you know it: if it is forgotten, no signed file can be exported until a new key is set up and registered again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="136"/>
        <source>密码(&amp;W)：</source>
        <translation>Pass&amp;word:</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="136"/>
        <source>再输一次(&amp;A)：</source>
        <translation>Type it &amp;again:</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="136"/>
        <source>强度：</source>
        <translation>Strength:</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="139"/>
        <source>正在生成密钥，请稍候…</source>
        <translation>Creating the key, please wait…</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="151"/>
        <source>密码至少需要{n}个字符（现有{m}个）</source>
        <translation>The passphrase needs at least {n} characters (now {m})</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="153"/>
        <source>密码太简单（重复、连续或常见），请换一个</source>
        <translation>Too simple (repeated, a sequence or a common one); please choose another</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="175"/>
        <source>强度：{label}。{problem}</source>
        <translation>Strength: {label}. {problem}</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="179"/>
        <source>强度：{label}。建议加长，或混合字母、数字和符号。</source>
        <translation>Strength: {label}. Make it longer, or mix letters, digits and symbols.</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="183"/>
        <source>强度：{label}</source>
        <translation>Strength: {label}</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="187"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passphrases differ</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/key_pages.py" line="240"/>
        <source>未能创建密钥：{reason}</source>
        <translation>Could not create the key: {reason}</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../app/ui/common/i18n.py" line="81"/>
        <source>未启动</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/i18n.py" line="82"/>
        <source>推进中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/i18n.py" line="83"/>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/i18n.py" line="84"/>
        <source>滞后</source>
        <translation>Delayed</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/i18n.py" line="91"/>
        <source>牵头</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/i18n.py" line="92"/>
        <source>负责</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/i18n.py" line="93"/>
        <source>配合</source>
        <translation>Support</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_answers.py" line="193"/>
        <source>待答复</source>
        <translation>awaiting response</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_answers.py" line="194"/>
        <source>已答复</source>
        <translation>answered</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_answers.py" line="195"/>
        <source>已办结</source>
        <translation>closed</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <location filename="../../app/ui/common/launch.py" line="113"/>
        <source>无法打开数据</source>
        <translation>Cannot open the data</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/launch.py" line="114"/>
        <source>无法打开本机数据：{reason}</source>
        <translation>Cannot open this computer&apos;s data: {reason}</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <location filename="../../app/ui/common/plan_change_list.py" line="35"/>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/plan_change_list.py" line="35"/>
        <source>内容</source>
        <translation>What</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/unit/window.py" line="176"/>
        <source>质量工作任务填报与汇总</source>
        <translation>Quality Work Progress Reporting</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/window.py" line="185"/>
        <source>任务填报</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/window.py" line="186"/>
        <source>工作目标指标</source>
        <translation>Goal indicators</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/window.py" line="187"/>
        <source>本期汇总</source>
        <translation>Period summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="50"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="51"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="52"/>
        <source>转到(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="53"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="67"/>
        <source>立即保存(&amp;S)</source>
        <translation>&amp;Save now</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="68"/>
        <source>填写内容会自动保存；Ctrl+S 立即保存</source>
        <translation>Everything is saved automatically; Ctrl+S saves at once</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="72"/>
        <source>导出报送文件(&amp;E)…</source>
        <translation>&amp;Export submission…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="73"/>
        <source>检查本期内容并导出报送文件</source>
        <translation>Check this period and export the submission file</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="77"/>
        <source>从上期复制(&amp;P)…</source>
        <translation>Copy from &amp;previous period…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="78"/>
        <source>用上一报告期的内容预填本期</source>
        <translation>Prefill this period from the previous one</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="82"/>
        <source>导入工作方案(&amp;L)…</source>
        <translation>Import &amp;plan…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="83"/>
        <source>导入市质量强市办发来的工作方案（也可把文件拖到窗口上）</source>
        <translation>Import a plan sent by the office (or drop the file on the window)</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="87"/>
        <source>导入反馈(&amp;B)…</source>
        <translation>Import feed&amp;back…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="88"/>
        <source>导入市质量强市办的反馈：回执、审核意见、督办事项</source>
        <translation>Import the office&apos;s feedback: receipts, review comments, supervision notices</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="92"/>
        <source>市质量强市办密钥(&amp;K)…</source>
        <translation>Office &amp;key…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="93"/>
        <source>信任或更换市质量强市办的签名密钥</source>
        <translation>Trust or replace the office&apos;s signing key</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="97"/>
        <source>本单位签名密钥(&amp;Y)…</source>
        <translation>Signing ke&amp;y…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="98"/>
        <source>修改密码、备份、更换密钥、忘记密码、导出登记文件</source>
        <translation>Change the passphrase, back up, rotate the key, forgotten passphrase, export the registration</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="102"/>
        <source>设置(&amp;O)…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="103"/>
        <source>界面语言、填报人</source>
        <translation>Language, clerk</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="105"/>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="106"/>
        <source>查找任务(&amp;F)</source>
        <translation>&amp;Find task</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="109"/>
        <source>上一项任务</source>
        <translation>Previous task</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="110"/>
        <source>Ctrl+PgUp</source>
        <translation>Ctrl+PgUp</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="114"/>
        <source>下一项任务</source>
        <translation>Next task</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="115"/>
        <source>Ctrl+PgDn</source>
        <translation>Ctrl+PgDn</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="57"/>
        <source>显示本期汇总</source>
        <translation>Show period summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="58"/>
        <source>督办事项(&amp;D)</source>
        <translation>Supervision &amp;notices</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/actions.py" line="59"/>
        <source>显示督办事项列表（Ctrl+Shift+D）</source>
        <translation>Show the list of supervision notices (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/window.py" line="179"/>
        <source>正在打开数据…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/window.py" line="318"/>
        <source>已是最后一项任务</source>
        <translation>This is the last task</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/window.py" line="318"/>
        <source>已是第一项任务</source>
        <translation>This is the first task</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/window.py" line="389"/>
        <source>还不能导出</source>
        <translation>Not ready to export</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/window.py" line="390"/>
        <source>本期还有 {k} 个问题需要处理（见“本期汇总”），全部修正后才能导出。</source>
        <translation>{k} problem(s) are left in this period (see “Period summary”); fix them all before exporting.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/window.py" line="402"/>
        <source>导出报送文件</source>
        <translation>Export submission</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/window.py" line="403"/>
        <source>本期内容已全部填写且没有错误。导出签名报送文件的功能即将提供。</source>
        <translation>This period is complete and has no errors. Exporting the signed submission file is coming soon.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/copy_dialog.py" line="164"/>
        <source>从上期复制</source>
        <translation>Copy from previous period</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/copy_dialog.py" line="165"/>
        <source>这是第一个报告期，没有可复制的上期内容。</source>
        <translation>This is the first period: there is nothing to copy from.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/window.py" line="412"/>
        <source>已从上期复制 {n} 项任务</source>
        <translation>Copied {n} task(s) from the previous period</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/window.py" line="446"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/window.py" line="452"/>
        <source>{unit} · 填报人：{clerk}</source>
        <translation>{unit} · clerk: {clerk}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/window.py" line="489"/>
        <source>尚未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/window.py" line="490"/>
        <source>有内容未能保存到本机数据文件。仍要退出吗？（选择“否”可稍后重试）</source>
        <translation>Some input could not be saved to the data file. Quit anyway? (Choose No to retry later.)</translation>
    </message>
</context>
<context>
    <name>MatrixModel</name>
    <message>
        <location filename="../../app/ui/office/matrix_model.py" line="307"/>
        <location filename="../../app/ui/office/matrix_model.py" line="479"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_model.py" line="393"/>
        <location filename="../../app/ui/office/matrix_model.py" line="426"/>
        <source>未报</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_model.py" line="468"/>
        <source>{0}（{1}）不通过本系统报送进展</source>
        <translation>{0} ({1}) does not report through this system</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_model.py" line="484"/>
        <source>本期尚未报送</source>
        <translation>nothing sent for this period yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_model.py" line="486"/>
        <source>已报送 v{0}，但没有填报此任务</source>
        <translation>sent v{0}, but without this task</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_model.py" line="490"/>
        <source>状态：{0}</source>
        <translation>Status: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_model.py" line="493"/>
        <source>（逾期报送）</source>
        <translation>(sent late)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_model.py" line="494"/>
        <source>版本：{0}</source>
        <translation>Version: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_model.py" line="496"/>
        <source>进展：{0}</source>
        <translation>Progress: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_model.py" line="498"/>
        <source>问题：{0}</source>
        <translation>Problems: {0}</translation>
    </message>
</context>
<context>
    <name>MatrixPage</name>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="39"/>
        <source>未报送</source>
        <translation>Not reported</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="160"/>
        <source>板块</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="161"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="162"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="163"/>
        <source>只看逾期报送</source>
        <translation>Late only</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="164"/>
        <source>只看未报送</source>
        <translation>Missing only</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="165"/>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="220"/>
        <source>全部板块</source>
        <translation>All sections</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="224"/>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="228"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="268"/>
        <source>显示 {0} 项任务 × {1} 个单位</source>
        <translation>{0} tasks × {1} units shown</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="275"/>
        <source>逾期报送</source>
        <translation>Sent late</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="166"/>
        <source>全部无误受理…</source>
        <translation>Accept all without errors…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="167"/>
        <source>受理本报告期所有待审核且没有错误的报送</source>
        <translation>Accept every pending submission without errors in this period</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="354"/>
        <source>受理 {0} 第 {1} 版</source>
        <translation>Accept {0} version {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="357"/>
        <source>退回 {0}…</source>
        <translation>Return {0}…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/matrix_page.py" line="361"/>
        <source>对此任务督办…</source>
        <translation>Raise a notice on this task…</translation>
    </message>
</context>
<context>
    <name>MembersPanel</name>
    <message>
        <location filename="../../app/ui/office/plans/members.py" line="120"/>
        <source>本组成员</source>
        <translation>Members of this group</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/members.py" line="121"/>
        <source>全部报送单位（以后新增的单位也算）</source>
        <translation>All reporting units (units added later too)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/members.py" line="124"/>
        <source>不勾选任何单位：本组单位不在本方案的成员单位中（如各区政府），不向本系统报送。</source>
        <translation>No unit ticked: the group&apos;s bodies are outside this plan&apos;s units (such as the district governments) and do not report here.</translation>
    </message>
</context>
<context>
    <name>NewPlanDialog</name>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="109"/>
        <source>新建工作方案</source>
        <translation>New plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="112"/>
        <source>方案名称(&amp;T)：</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="112"/>
        <source>年度(&amp;Y)：</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="112"/>
        <source>方案编号(&amp;C)：</source>
        <translation>Plan &amp;code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="119"/>
        <source>方案编号用于区分各年度的方案，建立后不能修改，如 SZ-QUALITY-2017。</source>
        <translation>The plan code tells the years&apos; plans apart and cannot be changed later, e.g. SZ-QUALITY-2017.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="124"/>
        <source>{0}年质量工作方案</source>
        <translation>Quality work plan {0}</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <location filename="../../app/ui/office/notice_dialog.py" line="103"/>
        <source>新增督办</source>
        <translation>New notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/notice_dialog.py" line="104"/>
        <source>单位(&amp;U)：</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/notice_dialog.py" line="104"/>
        <source>任务(&amp;K)：</source>
        <translation>Tas&amp;k:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/notice_dialog.py" line="104"/>
        <source>办理期限(&amp;D)：</source>
        <translation>&amp;Due:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/notice_dialog.py" line="105"/>
        <source>督办事项(&amp;T)：</source>
        <translation>&amp;Text:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/notice_dialog.py" line="107"/>
        <source>关联报告期 {0}</source>
        <translation>For period {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/notice_dialog.py" line="108"/>
        <source>写明需要单位办理或说明的事项，单位将在报送中答复。</source>
        <translation>What the unit must do or explain; it answers in its next submission.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/notice_dialog.py" line="110"/>
        <source>发出督办(&amp;S)</source>
        <translation>&amp;Send notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/notice_dialog.py" line="112"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/notice_dialog.py" line="143"/>
        <source>请选择单位和任务。</source>
        <translation>Choose a unit and a task.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/notice_dialog.py" line="146"/>
        <source>请填写督办事项。</source>
        <translation>Write what the notice asks.</translation>
    </message>
</context>
<context>
    <name>NoticeListModel</name>
    <message>
        <location filename="../../app/ui/unit/notice_list.py" line="43"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/notice_list.py" line="44"/>
        <source>督办事项</source>
        <translation>Supervision notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/notice_list.py" line="45"/>
        <source>办理期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/notice_list.py" line="46"/>
        <source>剩余</source>
        <translation>Left</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/notice_list.py" line="47"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/notice_list.py" line="61"/>
        <source>{state}（已填写，待导出）</source>
        <translation>{state} (filled in, to be exported)</translation>
    </message>
</context>
<context>
    <name>NoticeModel</name>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="70"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="71"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="72"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="73"/>
        <source>报告期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="74"/>
        <source>督办事项</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="75"/>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="76"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="77"/>
        <source>单位答复</source>
        <translation>Unit&apos;s reply</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="78"/>
        <source>答复时间</source>
        <translation>Replied</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="79"/>
        <source>发出</source>
        <translation>Raised</translation>
    </message>
</context>
<context>
    <name>NoticePanel</name>
    <message>
        <location filename="../../app/ui/unit/notice_list.py" line="120"/>
        <source>没有督办事项。</source>
        <translation>No supervision notices.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/notice_list.py" line="124"/>
        <source>本期报送被退回修改：{comment}</source>
        <translation>This period&apos;s submission was returned for correction: {comment}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/notice_list.py" line="127"/>
        <source>市质量强市办的审核意见：{comment}</source>
        <translation>The office&apos;s review comment: {comment}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/notice_list.py" line="131"/>
        <source>督办事项</source>
        <translation>Supervision notice</translation>
    </message>
</context>
<context>
    <name>OfficeDonePage</name>
    <message>
        <location filename="../../app/ui/setup/office_pages.py" line="45"/>
        <source>请把本办的密钥登记文件发给各成员单位，并请他们核对指纹。</source>
        <translation>Send the office&apos;s key registration file to every member unit and have them confirm the fingerprint.</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/office_pages.py" line="46"/>
        <source>本办签名密钥的指纹：</source>
        <translation>Fingerprint of the office&apos;s signing key:</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/office_pages.py" line="47"/>
        <source>保存密钥登记文件(&amp;S)…</source>
        <translation>&amp;Save registration file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/office_pages.py" line="50"/>
        <source>各单位在首次设置或“设置”中导入这个文件后，会通过电话向您核对指纹；以后也可以在本办窗口的“设置”中再次导出。</source>
        <translation>Units import this file at set-up or in Settings and confirm the fingerprint with you by phone; you can export it again later from Settings in the office window.</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/office_pages.py" line="59"/>
        <source>本机已设置为市质量强市办的汇总电脑，本办签名密钥已创建。</source>
        <translation>This computer is set up as the Quality Office&apos;s consolidation computer; the office&apos;s signing key is created.</translation>
    </message>
</context>
<context>
    <name>OfficeFileDialog</name>
    <message>
        <location filename="../../app/ui/unit/office_file_dialog.py" line="85"/>
        <source>导入市质量强市办的文件</source>
        <translation>Import a file from the office</translation>
    </message>
</context>
<context>
    <name>OfficeFiles</name>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="114"/>
        <source>导入工作方案</source>
        <translation>Import plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="116"/>
        <source>导入反馈</source>
        <translation>Import feedback</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="119"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="130"/>
        <source>正在核验并导入 {name}…</source>
        <translation>Checking and importing {name}…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="150"/>
        <location filename="../../app/ui/unit/office_files.py" line="181"/>
        <source>未导入 {name}</source>
        <translation>{name} not imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="151"/>
        <source>原因：{reason}
本机数据没有任何改动。</source>
        <translation>Reason: {reason}
Nothing was changed on this computer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="174"/>
        <source>这是成员单位导出的报送文件，应交市质量强市办导入，不能在这里导入。这里导入的是市质量强市办发来的工作方案和反馈文件。</source>
        <translation>This is a unit&apos;s submission: the office imports it, not this window. Here you import the plans and feedback files the office sends.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="180"/>
        <source>这不是市质量强市办发来的工作方案或反馈文件。</source>
        <translation>This is not a plan or feedback file from the office.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="206"/>
        <source>“{title}”第 {rev} 版本机已有，没有变化</source>
        <translation>“{title}” revision {rev} is already installed: nothing changed</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="209"/>
        <source>已导入工作方案“{title}”（第 {rev} 版）</source>
        <translation>Imported the plan “{title}” (revision {rev})</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="212"/>
        <source>“{title}”已由第 {old} 版更新为第 {rev} 版</source>
        <translation>“{title}” updated from revision {old} to revision {rev}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="216"/>
        <source>共 {n} 处变更。已填写的内容不受影响。</source>
        <translation>{n} change(s). What you have filled in is kept.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="229"/>
        <source>{title}，截止日期 {due}</source>
        <translation>{title}, due {due}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="238"/>
        <source>这份反馈（第 {n} 号）已导入过，没有变化</source>
        <translation>This feedback (no. {n}) was imported before: nothing changed</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="240"/>
        <source>已导入市质量强市办的反馈（第 {n} 号）</source>
        <translation>Imported the office&apos;s feedback (no. {n})</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="244"/>
        <source>市质量强市办已发布“{title}”第 {rev} 版（本机为第 {old} 版），请导入该工作方案。</source>
        <translation>The office has published revision {rev} of “{title}” (this computer has revision {old}): please import that plan.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="250"/>
        <source>工作方案</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="256"/>
        <source>意见显示在对应任务旁，督办事项见“督办事项”面板。</source>
        <translation>Comments are shown beside their tasks; notices are listed in the “Supervision notices” panel.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="258"/>
        <source>这份反馈早于已导入的反馈：只取用了其中新的内容。</source>
        <translation>This feedback is older than one already imported: only what was new in it was taken.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="268"/>
        <source>回执 {period}</source>
        <translation>Receipt {period}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="269"/>
        <source>第 {v} 版已于 {at} 收到并受理（文件 SHA-256 {sha}…）</source>
        <translation>Version {v} received and accepted on {at} (file SHA-256 {sha}…)</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="278"/>
        <source>审核 {period}</source>
        <translation>Review {period}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="283"/>
        <source>任务 {no} 的意见</source>
        <translation>Comment on task {no}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="285"/>
        <source>{text}（办理期限 {due}）</source>
        <translation>{text} (due {due})</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="288"/>
        <source>督办 · 任务 {no}</source>
        <translation>Notice · task {no}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="294"/>
        <source>第 {v} 版已受理</source>
        <translation>Version {v} accepted</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="296"/>
        <source>第 {v} 版退回修改</source>
        <translation>Version {v} returned for correction</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_files.py" line="298"/>
        <source>第 {v} 版待审核</source>
        <translation>Version {v} awaiting review</translation>
    </message>
</context>
<context>
    <name>OfficeKeyBox</name>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="100"/>
        <source>本办签名密钥</source>
        <translation>Office signing key</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="101"/>
        <source>导出密钥登记文件(&amp;E)…</source>
        <translation>&amp;Export registration file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="102"/>
        <source>各成员单位凭这个文件登记本办的密钥，并电话核对指纹</source>
        <translation>Member units register the office&apos;s key from this file and confirm its fingerprint by phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="103"/>
        <source>创建密钥(&amp;K)…</source>
        <translation>Create &amp;key…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="104"/>
        <source>更换密钥(&amp;R)…</source>
        <translation>Rotate ke&amp;y…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="106"/>
        <source>生成新密钥，由旧密钥签名声明；以后的方案包和反馈文件都带着这份声明</source>
        <translation>Makes a new key, announced in a statement the old key signs; every later plan package and feedback file carries that statement</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="108"/>
        <source>导出更换声明(&amp;S)…</source>
        <translation>Export rotation &amp;statement…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="110"/>
        <source>给近期收不到方案包或反馈文件的单位：导入这份声明即改信新密钥</source>
        <translation>For units that will not receive a plan package or feedback file soon: importing this statement makes them trust the new key</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="112"/>
        <source>密码遗失或密钥泄露(&amp;L)…</source>
        <translation>&amp;Lost or leaked…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="114"/>
        <source>启用新密钥、旧密钥作废，不签署更换声明：各单位须重新登记新密钥</source>
        <translation>Starts a new key and voids the old one without a rotation statement: every unit must register the new key again</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="138"/>
        <source>指纹（各单位登记本办密钥时与您电话核对）：</source>
        <translation>Fingerprint (units confirm it with you by phone when they register the office key):</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="141"/>
        <source>数据尚未打开。</source>
        <translation>The data is not open yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="143"/>
        <source>本办还没有签名密钥：方案包和反馈文件需要它签名。</source>
        <translation>The office has no signing key yet: plan packages and feedback files need it.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="153"/>
        <source>导出本办密钥登记文件</source>
        <translation>Export the office&apos;s registration file</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="155"/>
        <source>密钥登记文件 (*.json)</source>
        <translation>Key registration file (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="165"/>
        <location filename="../../app/ui/office/office_key_box.py" line="294"/>
        <source>导出失败：{0}</source>
        <translation>Export failed: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="167"/>
        <location filename="../../app/ui/office/office_key_box.py" line="296"/>
        <source>已导出到 {0}</source>
        <translation>Exported to {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="176"/>
        <source>为本办创建签名密钥。请设一个密码保护密钥（至少 10 个字符），生成方案包和反馈文件时需要输入。</source>
        <translation>Create the office&apos;s signing key. Choose a passphrase to protect it (at least 10 characters); it is asked for when writing plan packages and feedback files.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="189"/>
        <location filename="../../app/ui/office/office_key_box.py" line="267"/>
        <source>正在生成密钥，请稍候…</source>
        <translation>Creating the key, please wait…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="192"/>
        <source>密钥已创建。请导出登记文件交给各成员单位。</source>
        <translation>Key created. Export the registration file for the member units.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="193"/>
        <source>未能创建密钥：{0}</source>
        <translation>Could not create the key: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="204"/>
        <source>更换本办签名密钥</source>
        <translation>Change the office&apos;s signing key</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="206"/>
        <source>将生成新的签名密钥，现在的密钥从此停用。

以后的方案包和反馈文件都带有旧密钥签名的更换声明，各单位导入时自动改信新密钥，不必重新登记；近期收不到文件的单位，可以把更换声明文件发给他们导入。

更换后请把新指纹告知各单位备查。继续吗？</source>
        <translation>A new signing key will be made and the current one retired.

Every later plan package and feedback file carries a rotation statement signed by the old key: units switch to the new key when they import one, without registering again. Units that will not receive a file soon can import the statement file instead.

Afterwards, tell the units the new fingerprint for their records. Continue?</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="213"/>
        <source>请输入现在这把密钥的密码：</source>
        <translation>Enter the passphrase of the key in use now:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="216"/>
        <location filename="../../app/ui/office/office_key_box.py" line="256"/>
        <source>为新密钥设一个密码（至少 10 个字符），以后签名时输入它。</source>
        <translation>Choose a passphrase for the new key (at least 10 characters); you will enter it whenever you sign.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="227"/>
        <source>正在更换密钥，请稍候…</source>
        <translation>Changing the key, please wait…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="231"/>
        <source>密钥已更换，新指纹见上。以后的方案包和反馈文件会带上更换声明；近期收不到文件的单位，请导出更换声明发给他们。</source>
        <translation>Key rotated; the new fingerprint is shown above. Later plan packages and feedback files carry the rotation statement; export the statement for units that will not receive a file soon.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="234"/>
        <location filename="../../app/ui/office/office_key_box.py" line="274"/>
        <source>未能更换密钥：{0}</source>
        <translation>Could not change the key: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="245"/>
        <source>密码遗失或密钥泄露</source>
        <translation>Passphrase lost or key leaked</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="247"/>
        <source>只在忘记了本办密钥的密码、或密钥可能已泄露时这样做。

将启用新密钥，旧密钥作废且不签署更换声明：各单位都要重新登记新密钥，在此之前不接受本办的方案包和反馈文件。请随后导出新的密钥登记文件发给各单位，并请他们电话核对新指纹。

如果还记得密码、密钥也没有泄露，请改用“更换密钥”，各单位会自动跟随。继续吗？</source>
        <translation>Do this only when the office key&apos;s passphrase is forgotten, or the key may have leaked.

A new key starts and the old one is voided without a rotation statement: every unit must register the new key again, and until then refuses the office&apos;s plan packages and feedback files. Export the new registration file for the units afterwards, and ask them to confirm the new fingerprint by phone.

If you still know the passphrase and the key has not leaked, use “Rotate key” instead: the units follow by themselves. Continue?</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="271"/>
        <source>已启用新密钥，新指纹见上。请导出密钥登记文件发给各单位，请他们电话核对新指纹后在“市质量强市办密钥”中改信。</source>
        <translation>The new key is in force; its fingerprint is shown above. Export the registration file for the units, and ask them to confirm the new fingerprint by phone and then trust it under “Office key”.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="282"/>
        <source>导出密钥更换声明</source>
        <translation>Export the key rotation statement</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/office_key_box.py" line="284"/>
        <source>密钥更换声明 (*.json)</source>
        <translation>Key rotation statements (*.json)</translation>
    </message>
</context>
<context>
    <name>OfficeKeyChooser</name>
    <message>
        <location filename="../../app/ui/setup/office_key_page.py" line="85"/>
        <source>选择市质量强市办的密钥登记文件</source>
        <translation>Choose the office&apos;s key registration file</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/office_key_page.py" line="85"/>
        <source>密钥登记文件 (*.json)</source>
        <translation>Key registration files (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/office_key_page.py" line="115"/>
        <source>选择密钥登记文件(&amp;K)…</source>
        <translation>Choose the &amp;key file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/office_key_page.py" line="116"/>
        <source>尚未选择文件</source>
        <translation>No file chosen yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/office_key_page.py" line="119"/>
        <source>{office}的签名密钥，指纹：</source>
        <translation>Signing key of {office}, fingerprint:</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/office_key_page.py" line="120"/>
        <source>市质量强市办</source>
        <translation>the office</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/office_key_page.py" line="124"/>
        <source>我已与市质量强市办逐组核对（电话或盖章的登记表），指纹一致(&amp;Y)</source>
        <translation>I have compared it group by group with the office (by phone or on its stamped form): the fingerprint matches (&amp;Y)</translation>
    </message>
</context>
<context>
    <name>OfficeKeyDialog</name>
    <message>
        <location filename="../../app/ui/unit/office_key_dialog.py" line="109"/>
        <source>已信任该密钥（指纹 {fp}）。</source>
        <translation>The key is trusted (fingerprint {fp}).</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_key_dialog.py" line="145"/>
        <source>选择密钥更换声明</source>
        <translation>Choose the key rotation statement</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_key_dialog.py" line="145"/>
        <source>密钥更换声明 (*.json)</source>
        <translation>Key rotation statements (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_key_dialog.py" line="127"/>
        <location filename="../../app/ui/unit/office_key_dialog.py" line="154"/>
        <source>已改为信任新密钥（指纹 {fp}）。</source>
        <translation>The new key is trusted now (fingerprint {fp}).</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_key_dialog.py" line="158"/>
        <source>市质量强市办密钥</source>
        <translation>Office key</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_key_dialog.py" line="86"/>
        <source>信任此密钥(&amp;T)</source>
        <translation>&amp;Trust this key</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_key_dialog.py" line="84"/>
        <source>改信此密钥(&amp;T)…</source>
        <translation>&amp;Trust this key instead…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_key_dialog.py" line="118"/>
        <source>改信市质量强市办的新密钥</source>
        <translation>Trust the office&apos;s new key</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_key_dialog.py" line="120"/>
        <source>本机信任的是另一把市质量强市办密钥，这个登记文件没有旧密钥签署的更换声明。

只有在市质量强市办正式通知其旧密钥遗失或泄露、并已与其电话逐组核对新指纹时，才改信这把密钥；否则可能是他人冒充。改信吗？</source>
        <translation>This computer trusts another office key, and no rotation statement signed by that key vouches for this registration file.

Trust this key instead only when the office has officially announced that its old key was lost or leaked, and you have confirmed the new fingerprint group by group with the office by phone; otherwise someone may be posing as the office. Trust it instead?</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_key_dialog.py" line="159"/>
        <source>导入密钥更换声明(&amp;R)…</source>
        <translation>Import a &amp;rotation statement…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_key_dialog.py" line="164"/>
        <source>本机尚未信任市质量强市办的密钥。导入工作方案和反馈文件前，请选择市质量强市办的密钥登记文件，并逐组核对指纹。</source>
        <translation>This computer trusts no office key yet. Before importing plans and feedback, choose the office&apos;s key registration file and compare the fingerprint group by group.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/office_key_dialog.py" line="171"/>
        <source>本机信任的市质量强市办密钥，指纹：
{fp}
市质量强市办更换密钥后，请导入其密钥更换声明（导入新的工作方案或反馈文件时也会自动跟随）。市质量强市办通知密钥遗失或泄露时，请选择其新的密钥登记文件，电话核对指纹后改信。</source>
        <translation>The office key this computer trusts, fingerprint:
{fp}
When the office rotates its key, import its rotation statement (importing a new plan or feedback file follows it too). When the office announces that its key was lost or leaked, choose its new registration file and trust it after confirming the fingerprint by phone.</translation>
    </message>
</context>
<context>
    <name>OfficeKeyPage</name>
    <message>
        <location filename="../../app/ui/setup/office_key_page.py" line="153"/>
        <source>市质量强市办的密钥（可跳过）</source>
        <translation>The office&apos;s key (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/office_key_page.py" line="154"/>
        <source>导入工作方案和反馈文件时，用它核实文件确实由市质量强市办发出。</source>
        <translation>It proves that the plans and feedback files you import really come from the office.</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/office_key_page.py" line="157"/>
        <source>如已收到市质量强市办的密钥登记文件，请选择该文件，并与市质量强市办电话或盖章的登记表逐组核对指纹。还没有收到的，直接点“下一步”。</source>
        <translation>If you have the office&apos;s key registration file, choose it and compare the fingerprint group by group with the office (by phone or on its stamped form). If not, just click Next.</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/office_key_page.py" line="161"/>
        <source>以后可在“文件 → 市质量强市办密钥…”中添加或更换。</source>
        <translation>You can add or replace it later under File → Office key….</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/office_pages.py" line="25"/>
        <source>本办签名密钥</source>
        <translation>Office signing key</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/office_pages.py" line="28"/>
        <source>发给各成员单位的工作方案包和反馈文件用本办的签名密钥签名，单位凭它确认文件确实来自市质量强市办。请设一个密码保护密钥。</source>
        <translation>Plan packages and feedback files sent to the member units are signed with the office&apos;s key, so units know they come from the Quality Office. Choose a passphrase to protect the key.</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/office_pages.py" line="34"/>
        <source>密码至少 {n} 个字符，可以用一句好记的话（可含中文）。生成方案包和反馈文件时需要输入；忘记后只能重新创建密钥，并请各单位重新登记。</source>
        <translation>At least {n} characters; a memorable sentence works well (Chinese allowed). It is asked for when writing plan packages and feedback files; if forgotten, a new key must be made and every unit must register it again.</translation>
    </message>
</context>
<context>
    <name>OfficeSettingsDialog</name>
    <message>
        <location filename="../../app/ui/office/settings_dialog.py" line="81"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/settings_dialog.py" line="82"/>
        <source>界面语言(&amp;L)：</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/settings_dialog.py" line="90"/>
        <source>数据位置：</source>
        <translation>Data location:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/settings_dialog.py" line="83"/>
        <source>工作人员姓名(&amp;N)：</source>
        <translation>Staff &amp;name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/settings_dialog.py" line="84"/>
        <source>例如：李明</source>
        <translation>e.g. Li Ming</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/settings_dialog.py" line="87"/>
        <source>受理、退回、督办等每项操作都以这个姓名记入审计日志（按本机 Windows 账户保存）。</source>
        <translation>Every accept, return and notice is recorded in the audit log under this name (kept per Windows account).</translation>
    </message>
</context>
<context>
    <name>OfficeWindow</name>
    <message>
        <location filename="../../app/ui/office/window.py" line="183"/>
        <source>{0} — 质量强市办</source>
        <translation>{0} — Quality Office</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="185"/>
        <source>汇总矩阵</source>
        <translation>Matrix</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="186"/>
        <source>报送情况</source>
        <translation>Tracker</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="187"/>
        <source>指标看板</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="188"/>
        <source>图表</source>
        <translation>Charts</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="189"/>
        <source>密钥登记</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="190"/>
        <source>年度考核</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="195"/>
        <source>导入报送文件…</source>
        <translation>Import submissions…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="196"/>
        <source>导入报送文件（Ctrl+I）</source>
        <translation>Import submissions (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="197"/>
        <source>导出汇总表…</source>
        <translation>Export report…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="198"/>
        <source>导出本报告期的汇总表（Ctrl+E）</source>
        <translation>Export this period&apos;s consolidated report (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="201"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="202"/>
        <source>设置(&amp;O)…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="204"/>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="205"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="206"/>
        <source> 报告期 </source>
        <translation> Period </translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="208"/>
        <source>正在打开数据…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="290"/>
        <source>无法打开数据：{0}</source>
        <translation>Cannot open the data: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="383"/>
        <source>{0}：{1} 个单位中 {2} 个已报送 · 已登记密钥 {3} 个 · 数据：{4}</source>
        <translation>{0}: {2} of {1} units reported · {3} keys registered · data: {4}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/report_export.py" line="20"/>
        <source>汇总表_{0}.xlsx</source>
        <translation>report_{0}.xlsx</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/report_export.py" line="23"/>
        <source>导出汇总表</source>
        <translation>Export consolidated report</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/report_export.py" line="25"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/report_export.py" line="43"/>
        <source>正在导出汇总表…</source>
        <translation>Exporting the report…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/report_export.py" line="49"/>
        <source>汇总表已导出：{0}</source>
        <translation>Report exported: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/report_export.py" line="61"/>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/report_export.py" line="62"/>
        <source>无法导出汇总表：{0}</source>
        <translation>Cannot export the report: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="298"/>
        <source>生成通报…</source>
        <translation>Bulletin…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/bulletin_dialog.py" line="300"/>
        <source>生成工作进展情况或年度考核结果通报（Word，Ctrl+B）</source>
        <translation>Make the progress or annual assessment bulletin (Word, Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="191"/>
        <source>督办</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="192"/>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/window.py" line="203"/>
        <source>界面语言、工作人员姓名、本办签名密钥</source>
        <translation>Interface language, staff name, office signing key</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/answers_wiring.py" line="50"/>
        <source>请先选中一个单位，再受理或退回。</source>
        <translation>Choose a unit first, then accept or return.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="319"/>
        <source>生成反馈文件…</source>
        <translation>Feedback files…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="321"/>
        <source>为各单位生成带签名的反馈文件：回执、审核意见、督办（Ctrl+Shift+F）</source>
        <translation>Write signed feedback files for the units: receipts, reviews, notices (Ctrl+Shift+F)</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../app/ui/common/passphrase_dialog.py" line="75"/>
        <source>本办签名密钥</source>
        <translation>Office signing key</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/passphrase_dialog.py" line="76"/>
        <source>密钥密码(&amp;W)：</source>
        <translation>Key pass&amp;phrase:</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/passphrase_dialog.py" line="77"/>
        <source>再输一次(&amp;A)：</source>
        <translation>&amp;Again:</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/passphrase_dialog.py" line="78"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/passphrase_dialog.py" line="79"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/passphrase_dialog.py" line="87"/>
        <source>请输入密码。</source>
        <translation>Type the passphrase.</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/passphrase_dialog.py" line="97"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passphrases differ</translation>
    </message>
</context>
<context>
    <name>PeriodBar</name>
    <message>
        <location filename="../../app/ui/unit/period_bar.py" line="120"/>
        <source>截止日期：{due}</source>
        <translation>Due: {due}</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/due_days.py" line="19"/>
        <source>还剩 {n} 天</source>
        <translation>{n} day(s) left</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/due_days.py" line="22"/>
        <source>今天截止</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/due_days.py" line="23"/>
        <source>已逾期 {n} 天</source>
        <translation>{n} day(s) overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/period_bar.py" line="95"/>
        <source>已受理 v{n}</source>
        <translation>accepted v{n}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/period_bar.py" line="97"/>
        <source>退回修改（v{n}）</source>
        <translation>returned for correction (v{n})</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/period_bar.py" line="99"/>
        <source>待审核（v{n}）</source>
        <translation>awaiting review (v{n})</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/period_bar.py" line="100"/>
        <source>市质量强市办：</source>
        <translation>Office: </translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/period_bar.py" line="128"/>
        <source>已导出 v{n}</source>
        <translation>exported v{n}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/period_bar.py" line="130"/>
        <source>v{n} 后有修改</source>
        <translation>changed since v{n}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/period_bar.py" line="132"/>
        <source>草稿</source>
        <translation>draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/period_bar.py" line="133"/>
        <source>状态：</source>
        <translation>State: </translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/period_bar.py" line="137"/>
        <source>报告期(&amp;P)：</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/period_bar.py" line="138"/>
        <source>选择要填报的报告期</source>
        <translation>Choose the reporting period to fill in</translation>
    </message>
</context>
<context>
    <name>PlanActions</name>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="49"/>
        <source>新建方案(&amp;N)…</source>
        <translation>&amp;New plan…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="50"/>
        <source>新建一个空白的工作方案（Ctrl+N）</source>
        <translation>Start an empty plan (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="54"/>
        <source>复制上一年度方案(&amp;C)…</source>
        <translation>&amp;Copy last year&apos;s plan…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="55"/>
        <source>以已有方案为底稿建立新年度的方案</source>
        <translation>Start a new year&apos;s plan from an existing one</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="59"/>
        <source>从方案文件导入(&amp;I)…</source>
        <translation>&amp;Import a plan file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="60"/>
        <source>导入方案文件：.txt、.docx、.xlsx 或 .json（Ctrl+I）</source>
        <translation>Import a plan file: .txt, .docx, .xlsx or .json (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="64"/>
        <source>导出 Excel 模板(&amp;E)…</source>
        <translation>&amp;Export Excel template…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="65"/>
        <source>把所选方案导出为 Excel 模板（Ctrl+E）</source>
        <translation>Export the chosen plan as an Excel template (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="74"/>
        <source>修订(&amp;R)</source>
        <translation>&amp;Revise</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="75"/>
        <source>以已发布的方案为底稿开始新的版本（Ctrl+R）</source>
        <translation>Start a new revision from the published plan (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="79"/>
        <source>发布(&amp;P)…</source>
        <translation>&amp;Publish…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="80"/>
        <source>检查并发布所选方案的草稿（Ctrl+Shift+P）</source>
        <translation>Check and publish the chosen plan&apos;s draft (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="84"/>
        <source>放弃草稿(&amp;D)…</source>
        <translation>&amp;Discard draft…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="85"/>
        <source>删除草稿，回到已发布的版本</source>
        <translation>Delete the draft and go back to the published revision</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="89"/>
        <source>下一个问题(&amp;X)</source>
        <translation>Ne&amp;xt problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="90"/>
        <source>转到下一个问题或待确认项（F8）</source>
        <translation>Go to the next problem or guess to confirm (F8)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="94"/>
        <source>关闭(&amp;W)</source>
        <translation>Close (&amp;W)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="95"/>
        <source>关闭工作方案窗口</source>
        <translation>Close the plans window</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="104"/>
        <source>撤销(&amp;U)</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="105"/>
        <source>重做(&amp;R)</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="106"/>
        <source>方案(&amp;P)</source>
        <translation>&amp;Plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="107"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="108"/>
        <source>工作方案</source>
        <translation>Plans</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="69"/>
        <source>生成方案包(&amp;K)…</source>
        <translation>Write pac&amp;kage…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_actions.py" line="70"/>
        <source>写出带本办签名的方案包，发给各单位导入</source>
        <translation>Write the published plan as a package signed by the office, for the units to import</translation>
    </message>
</context>
<context>
    <name>PlanChangedBanner</name>
    <message>
        <location filename="../../app/ui/unit/plan_banner.py" line="91"/>
        <source>查看变更(&amp;V)</source>
        <translation>&amp;View changes</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/plan_banner.py" line="92"/>
        <source>知道了</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/plan_banner.py" line="93"/>
        <source>不再提示这一版的变更</source>
        <translation>Do not show the changes of this revision again</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/plan_banner.py" line="104"/>
        <source>市质量强市办修订了“{0}”（第 {1} 版，{2} 处变更）。请查看变更后再继续填报。</source>
        <translation>The office revised “{0}” (revision {1}, {2} changes). Please look at the changes before you go on.</translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <location filename="../../app/ui/office/plans/editor.py" line="101"/>
        <source>方案“主要任务”下的各部分，如（一）大力推进重点项目建设</source>
        <translation>The sections of the plan&apos;s main tasks, e.g. (1) Key projects</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/editor.py" line="103"/>
        <source>成员单位：全称、简称和别名（导入方案文件时按这些名称识别单位）</source>
        <translation>Member units: full name, short name and aliases (a plan file&apos;s units are recognised by these names)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/editor.py" line="105"/>
        <source>“工作目标”中的指标及其负责单位</source>
        <translation>The indicators of the plan&apos;s goals and who owns them</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/editor.py" line="106"/>
        <source>报告期与报送截止日期</source>
        <translation>Reporting periods and due dates</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/editor.py" line="107"/>
        <source>修订(&amp;R)…</source>
        <translation>&amp;Revise…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/editor.py" line="114"/>
        <source>这是已发布的第 {0} 版，只能查看。要修改，请点“修订”：将生成第 {1} 版草稿，发布前各单位仍按第 {0} 版填报。</source>
        <translation>This is published revision {0}, shown read-only. To change it, click “Revise”: a draft of revision {1} is made; until it is published the units keep reporting under revision {0}.</translation>
    </message>
</context>
<context>
    <name>PlanFlows</name>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="85"/>
        <source>无法新建方案</source>
        <translation>Cannot create the plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="102"/>
        <source>无法复制方案</source>
        <translation>Cannot copy the plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="125"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="127"/>
        <source>工作方案</source>
        <translation>Plans</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="140"/>
        <source>从方案文件导入</source>
        <translation>Import from a plan file</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="142"/>
        <source>方案文件 ({0})</source>
        <translation>Plan files ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="163"/>
        <source>正在读取 {0} …</source>
        <translation>Reading {0} …</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="166"/>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="184"/>
        <source>无法导入方案文件</source>
        <translation>Cannot import the plan file</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="177"/>
        <source>已导入 {0}：{1} 处推测待确认，请在“待确认”列表中逐项核对。</source>
        <translation>Imported {0}: {1} guesses to confirm; check each in the “To confirm” list.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="183"/>
        <source>正在导入 {0} …</source>
        <translation>Importing {0} …</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="225"/>
        <source>导出 Excel 模板</source>
        <translation>Export Excel template</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="227"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="239"/>
        <source>Excel 模板已导出：{0}</source>
        <translation>Excel template written: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="242"/>
        <source>正在导出 {0} …</source>
        <translation>Writing {0} …</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="243"/>
        <source>无法导出 Excel 模板</source>
        <translation>Cannot write the Excel template</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="270"/>
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="270"/>
        <source>{0} 项，分 {1} 个部分</source>
        <translation>{0}, in {1} sections</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="271"/>
        <source>成员单位</source>
        <translation>Units</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="271"/>
        <source>{2} 个，其中 {3} 个报送</source>
        <translation>{2}, of which {3} report</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="272"/>
        <source>工作目标指标</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="272"/>
        <source>{4} 项</source>
        <translation>{4}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="273"/>
        <source>报告期</source>
        <translation>Periods</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="273"/>
        <source>{5} 个：{6}</source>
        <translation>{5}: {6}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="306"/>
        <source>无法发布</source>
        <translation>Cannot publish</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="312"/>
        <source>已发布 {0} 第 {1} 版</source>
        <translation>Published {0}, revision {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="332"/>
        <source>放弃草稿</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="333"/>
        <source>删除“{0}”的草稿？草稿中的全部修改将丢失。</source>
        <translation>Delete the draft of “{0}”? All its changes will be lost.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_flows.py" line="341"/>
        <source>无法放弃草稿</source>
        <translation>Cannot discard the draft</translation>
    </message>
</context>
<context>
    <name>PlanListModel</name>
    <message>
        <location filename="../../app/ui/office/plans/plan_list.py" line="23"/>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_list.py" line="24"/>
        <source>方案名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_list.py" line="25"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_list.py" line="26"/>
        <source>版本</source>
        <translation>Revision</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_list.py" line="27"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_list.py" line="38"/>
        <source>第 {0} 版</source>
        <translation>Rev. {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_list.py" line="43"/>
        <source>已发布，修订中（第 {0} 版草稿）</source>
        <translation>Published, being revised (draft of rev. {0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_list.py" line="45"/>
        <source>已发布</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/plan_list.py" line="46"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
</context>
<context>
    <name>PlanMenu</name>
    <message>
        <location filename="../../app/ui/office/plan_menu.py" line="41"/>
        <source>工作方案(&amp;L)</source>
        <translation>P&amp;lans</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plan_menu.py" line="42"/>
        <source>管理工作方案(&amp;M)…</source>
        <translation>&amp;Manage plans…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plan_menu.py" line="43"/>
        <source>新建、复制、导入、修订和发布工作方案（Ctrl+Shift+L）</source>
        <translation>Create, copy, import, revise and publish plans (Ctrl+Shift+L)</translation>
    </message>
</context>
<context>
    <name>PlanPackage</name>
    <message>
        <location filename="../../app/ui/office/plans/package_flow.py" line="39"/>
        <source>生成方案包</source>
        <translation>Write plan package</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/package_flow.py" line="40"/>
        <source>工作方案包_{0}_第{1}版.xlsx</source>
        <translation>plan-package_{0}_rev{1}.xlsx</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/package_flow.py" line="41"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/package_flow.py" line="48"/>
        <source>方案包用本办的签名密钥签名，单位据此确认方案来自市质量强市办。请输入密钥密码。</source>
        <translation>The package is signed with the office&apos;s key so units know the plan comes from the Quality Office. Type the key passphrase.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/package_flow.py" line="64"/>
        <source>方案包已生成：{0}（第 {1} 版）</source>
        <translation>Plan package written: {0} (revision {1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/package_flow.py" line="70"/>
        <source>正在生成方案包 {0} …</source>
        <translation>Writing plan package {0} …</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/package_flow.py" line="71"/>
        <source>无法生成方案包</source>
        <translation>Could not write the plan package</translation>
    </message>
</context>
<context>
    <name>PlanTables</name>
    <message>
        <location filename="../../app/ui/office/plans/tables.py" line="64"/>
        <source>（未指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/tables.py" line="87"/>
        <source>全部报送单位</source>
        <translation>All reporting units</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/tables.py" line="89"/>
        <source>（不含本方案的单位）</source>
        <translation>(bodies outside this plan)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/tables.py" line="151"/>
        <source>计量单位</source>
        <translation>Unit of measure</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/tables.py" line="165"/>
        <source>全称</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/tables.py" line="196"/>
        <source>目标数</source>
        <translation>Targets</translation>
    </message>
</context>
<context>
    <name>PlanTexts</name>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="32"/>
        <source>≥ 不低于</source>
        <translation>≥ at least</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="33"/>
        <source>≤ 不高于</source>
        <translation>≤ at most</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="34"/>
        <source>= 等于</source>
        <translation>= exactly</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="35"/>
        <source>区间</source>
        <translation>range</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="41"/>
        <source>季度</source>
        <translation>quarter</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="41"/>
        <location filename="../../app/ui/office/plans/texts.py" line="69"/>
        <source>年度</source>
        <translation>year</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="58"/>
        <source>待确认</source>
        <translation>to confirm</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="62"/>
        <source>已确认</source>
        <translation>confirmed</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="67"/>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="68"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="70"/>
        <source>发文单位</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="71"/>
        <source>发布日期</source>
        <translation>Published on</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="72"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="73"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="74"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="75"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="76"/>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="77"/>
        <source>别名</source>
        <translation>Aliases</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="78"/>
        <source>报送</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="79"/>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="80"/>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="81"/>
        <source>所属部分</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="82"/>
        <source>任务全文</source>
        <translation>Full text</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="83"/>
        <source>责任单位</source>
        <translation>Units</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="84"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="85"/>
        <source>职责</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="86"/>
        <location filename="../../app/ui/office/plans/texts.py" line="88"/>
        <source>目标值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="87"/>
        <source>比较</source>
        <translation>Comparison</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="89"/>
        <source>上限</source>
        <translation>Upper bound</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="90"/>
        <source>负责单位</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="91"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="92"/>
        <source>开始日期</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="93"/>
        <source>结束日期</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="94"/>
        <source>报送截止日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="108"/>
        <source>基本信息</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="109"/>
        <source>部分</source>
        <translation>Sections</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="110"/>
        <source>成员单位</source>
        <translation>Units</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="111"/>
        <source>单位组</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="112"/>
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="113"/>
        <source>工作目标指标</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/texts.py" line="114"/>
        <source>报告期</source>
        <translation>Periods</translation>
    </message>
</context>
<context>
    <name>PlansWindow</name>
    <message>
        <location filename="../../app/ui/office/plans/window.py" line="103"/>
        <source>工作方案 — 质量强市办</source>
        <translation>Plans — Quality office</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/window.py" line="167"/>
        <location filename="../../app/ui/office/plans/window.py" line="250"/>
        <source>草稿未能保存</source>
        <translation>Draft not saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/window.py" line="168"/>
        <source>方案草稿未能保存：{0}
修改仍在窗口中，程序会自动重试。</source>
        <translation>The plan draft could not be saved: {0}
Your changes are still in the window; saving is retried automatically.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/window.py" line="176"/>
        <source>还没有工作方案：请新建、复制或从方案文件导入。</source>
        <translation>No plan yet: create one, copy one or import a plan file.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/window.py" line="180"/>
        <source>只读</source>
        <translation>read-only</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/window.py" line="180"/>
        <source>草稿</source>
        <translation>draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/window.py" line="182"/>
        <source>{0}（{1}）：{2} 个问题，{3} 项待确认</source>
        <translation>{0} ({1}): {2} problems, {3} guesses to confirm</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/window.py" line="221"/>
        <source>无法修订</source>
        <translation>Cannot revise</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/window.py" line="251"/>
        <source>方案草稿未能保存：{0}
仍要关闭吗？未保存的修改将丢失。</source>
        <translation>The plan draft could not be saved: {0}
Close anyway? Unsaved changes will be lost.</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../../app/ui/office/plans/issues_panel.py" line="54"/>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/issues_panel.py" line="54"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <location filename="../../app/ui/office/plans/publish_dialog.py" line="76"/>
        <source>发布工作方案</source>
        <translation>Publish the plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/publish_dialog.py" line="81"/>
        <source>“{0}”还不能发布：下面 {1} 项需要先处理（改正问题，确认推测的内容）。</source>
        <translation>“{0}” cannot be published yet: the {1} items below come first (fix the problems, confirm the guesses).</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/publish_dialog.py" line="87"/>
        <source>发布“{0}”第 1 版？发布后各单位即可按此方案填报；以后的修改将成为新的版本。方案内容如下：</source>
        <translation>Publish revision 1 of “{0}”? The units can then report under it; later changes make new revisions. The plan holds:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/publish_dialog.py" line="94"/>
        <source>发布“{0}”第 {1} 版？与第 {2} 版相比有以下 {3} 处变更，各单位将看到这些变更。</source>
        <translation>Publish revision {1} of “{0}”? Compared with revision {2} it has the {3} changes below; the units will see them.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/publish_dialog.py" line="98"/>
        <source>去处理(&amp;G)</source>
        <translation>&amp;Go to it</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/publish_dialog.py" line="100"/>
        <source>发布(&amp;P)</source>
        <translation>&amp;Publish</translation>
    </message>
</context>
<context>
    <name>Punctuation</name>
    <message>
        <location filename="../../app/ui/common/punctuation.py" line="11"/>
        <source>{0}：</source>
        <translation>{0}: </translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../app/ui/office/review_dialog.py" line="106"/>
        <source>退回修改</source>
        <translation>Return for correction</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_dialog.py" line="107"/>
        <source>总体意见(&amp;G)：</source>
        <translation>&amp;General comment:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_dialog.py" line="108"/>
        <source>任务意见(&amp;T)（选中意见栏直接输入，不需要的留空）：</source>
        <translation>Comments on &amp;tasks (type in the Comment column; leave the rest empty):</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_dialog.py" line="109"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_dialog.py" line="109"/>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_dialog.py" line="111"/>
        <source>退回(&amp;R)</source>
        <translation>&amp;Return</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_dialog.py" line="114"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_dialog.py" line="153"/>
        <source>请写明退回的原因：总体意见或至少一项任务意见。</source>
        <translation>Say why: a general comment or a comment on at least one task.</translation>
    </message>
</context>
<context>
    <name>ReviewFlow</name>
    <message>
        <location filename="../../app/ui/office/review_flow.py" line="49"/>
        <source>退回 {0} {1} 报告期的第 {2} 版，请写明需要修改的地方。</source>
        <translation>Return version {2} of {0} for {1}: say what must be corrected.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_flow.py" line="84"/>
        <location filename="../../app/ui/office/review_flow.py" line="91"/>
        <location filename="../../app/ui/office/review_flow.py" line="109"/>
        <source>全部无误受理</source>
        <translation>Accept all without errors</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_flow.py" line="85"/>
        <source>{0} 报告期没有待审核且无错误的报送。</source>
        <translation>No pending submission without errors in {0}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_flow.py" line="92"/>
        <source>受理 {0} 报告期待审核且无错误的 {1} 个单位的报送？
{2}</source>
        <translation>Accept the pending submissions without errors of {1} units for {0}?
{2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_flow.py" line="104"/>
        <source>已受理 {0} 个单位的报送。</source>
        <translation>Accepted the submissions of {0} units.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_flow.py" line="106"/>
        <source>另有 {0} 个单位的报送有问题，请逐个查看后再决定。</source>
        <translation>The submissions of {0} more units have problems: look at each before deciding.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_flow.py" line="141"/>
        <source>{0} 已报送新的第 {1} 版（您看到的是第 {2} 版），新版本待审核。请先查看新版本。</source>
        <translation>{0} has sent version {1} (you were looking at version {2}); the new version is pending. Look at it first.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_flow.py" line="143"/>
        <source>另一位工作人员</source>
        <translation>Another staff member</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_flow.py" line="145"/>
        <source>{0} 已于 {1} 将 {2} 第 {3} 版设为「{4}」。</source>
        <translation>{0} set {2} version {3} to &quot;{4}&quot; at {1}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_flow.py" line="149"/>
        <source>意见：{0}</source>
        <translation>Comment: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_flow.py" line="150"/>
        <source>窗口已刷新，显示的是最新的审核结果。</source>
        <translation>The window is refreshed and shows the latest decision.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_flow.py" line="154"/>
        <source>已有其他人处理</source>
        <translation>Someone else decided</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_flow.py" line="159"/>
        <source>未能保存审核结果</source>
        <translation>The decision was not saved</translation>
    </message>
</context>
<context>
    <name>ReviewMenu</name>
    <message>
        <location filename="../../app/ui/office/review_menu.py" line="50"/>
        <source>审核(&amp;R)</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_menu.py" line="51"/>
        <source>受理所选单位(&amp;A)</source>
        <translation>&amp;Accept chosen unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_menu.py" line="52"/>
        <source>受理所选单位本报告期的当前版本（Ctrl+Shift+A）</source>
        <translation>Accept the chosen unit&apos;s current version for this period (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_menu.py" line="53"/>
        <source>退回所选单位(&amp;R)…</source>
        <translation>&amp;Return chosen unit…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_menu.py" line="54"/>
        <source>退回所选单位的当前版本并写明意见（Ctrl+Shift+R）</source>
        <translation>Return the chosen unit&apos;s current version with comments (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_menu.py" line="55"/>
        <source>全部无误受理(&amp;L)…</source>
        <translation>Accept a&amp;ll without errors…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/review_menu.py" line="56"/>
        <source>新增督办(&amp;D)…</source>
        <translation>New &amp;notice…</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="56"/>
        <source>吊销密钥</source>
        <translation>Revoke key</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="59"/>
        <source>吊销 {0} 的密钥 {1}。自所选日期（北京时间 0 时）起签署的报送文件将被拒收，此前签署的文件仍然有效。</source>
        <translation>Revoke {0}&apos;s key {1}. Submissions signed from the chosen day (00:00 Beijing time) on will be refused; those signed before stay valid.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="68"/>
        <source>吊销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="76"/>
        <source>自此日起失效：</source>
        <translation>Invalid from:</translation>
    </message>
</context>
<context>
    <name>RolePage</name>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="86"/>
        <source>欢迎使用</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="87"/>
        <source>第一次使用，请先完成设置。这些设置只需做一次。</source>
        <translation>This is the first start: please set the program up. You do this only once.</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="88"/>
        <source>请选择本机的用途：</source>
        <translation>What is this computer for?</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="89"/>
        <source>成员单位填报员(&amp;U)</source>
        <translation>&amp;Unit clerk (成员单位填报员)</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="90"/>
        <source>按报告期填写本单位承担的任务进展，导出带签名的报送文件。</source>
        <translation>Fill in your unit&apos;s progress on its tasks each period and export signed submission files.</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="91"/>
        <source>质量强市办(&amp;O)</source>
        <translation>The &amp;office (质量强市办)</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="92"/>
        <source>导入、核验各成员单位的报送文件，汇总并考核。</source>
        <translation>Import and verify the units&apos; submissions, consolidate and assess.</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <location filename="../../app/ui/office/assessment_models.py" line="24"/>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_models.py" line="24"/>
        <source>权重</source>
        <translation>Weight</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_models.py" line="24"/>
        <source>启用</source>
        <translation>On</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_models.py" line="24"/>
        <source>参数</source>
        <translation>Parameters</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_models.py" line="24"/>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_models.py" line="29"/>
        <source>按时报送</source>
        <translation>On-time reporting</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_models.py" line="30"/>
        <source>任务完成度</source>
        <translation>Task completion</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_models.py" line="31"/>
        <source>目标值达成</source>
        <translation>Targets met</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_models.py" line="32"/>
        <source>工作目标指标</source>
        <translation>Goal indicators</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_models.py" line="39"/>
        <source>已到截止日的报告期中按截止日前签署报送的比例；逾期报送的一期按逾期折算系数（0–1）计</source>
        <translation>Share of the periods already due whose report was signed by the due date; a late report counts as the late credit (0–1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_models.py" line="43"/>
        <source>年度总结（未报送时取本年度最近一期报送）中本单位各项任务完成度的平均值；未填报的任务按 0 计</source>
        <translation>Mean completion of the unit&apos;s tasks in its annual summary (without one, its latest report of the year); a task not reported counts 0</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_models.py" line="46"/>
        <source>本单位牵头或负责任务中的目标值达标比例；未填报实际值的按未达标计</source>
        <translation>Share of the targets of the tasks the unit leads or is responsible for that are met; a target without an actual figure counts as not met</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_models.py" line="48"/>
        <source>本单位负责的全市工作目标指标的达标比例（不负责指标的单位不计此项）</source>
        <translation>Share of the city-wide goal indicators the unit owns that are met (not scored for a unit that owns none)</translation>
    </message>
</context>
<context>
    <name>SaveLabel</name>
    <message>
        <location filename="../../app/ui/office/plans/draft_saver.py" line="68"/>
        <source>草稿已保存 {0}</source>
        <translation>Draft saved {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/draft_saver.py" line="72"/>
        <source>正在编辑…</source>
        <translation>Editing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/draft_saver.py" line="76"/>
        <source>草稿保存失败：{0}（稍后自动重试）</source>
        <translation>Saving the draft failed: {0} (retried shortly)</translation>
    </message>
</context>
<context>
    <name>SaveStateLabel</name>
    <message>
        <location filename="../../app/ui/unit/autosave.py" line="79"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/autosave.py" line="83"/>
        <source>已保存 {time}</source>
        <translation>Saved {time}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/autosave.py" line="87"/>
        <source>保存失败：{reason}（稍后自动重试）</source>
        <translation>Saving failed: {reason} (retrying shortly)</translation>
    </message>
</context>
<context>
    <name>ScoresModel</name>
    <message>
        <location filename="../../app/ui/office/assessment_models.py" line="83"/>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_models.py" line="83"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/assessment_models.py" line="83"/>
        <source>总分</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/unit/settings_dialog.py" line="62"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/settings_dialog.py" line="64"/>
        <source>界面语言(&amp;L)：</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/settings_dialog.py" line="65"/>
        <source>填报人(&amp;N)：</source>
        <translation>Clerk &amp;name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/settings_dialog.py" line="66"/>
        <source>联系电话(&amp;T)：</source>
        <translation>&amp;Telephone:</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/settings_dialog.py" line="67"/>
        <source>密钥指纹：</source>
        <translation>Key fingerprint:</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/settings_dialog.py" line="68"/>
        <source>数据文件夹：</source>
        <translation>Data folder:</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="274"/>
        <source>质量工作任务填报与汇总 — 首次设置</source>
        <translation>Quality Work Progress Reporting — Set-up</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="275"/>
        <source>创建密钥(&amp;C)</source>
        <translation>&amp;Create key</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <location filename="../../app/ui/unit/summary_panel.py" line="59"/>
        <source>已填 {n} / {m} 项，{k} 个错误</source>
        <translation>{n} of {m} tasks filled, {k} error(s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/summary_panel.py" line="61"/>
        <source>；指标已填 {n} / {m}</source>
        <translation>; indicators {n} of {m}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/summary_panel.py" line="66"/>
        <source>本期各项均已填写，没有错误，可以导出。</source>
        <translation>Everything in this period is filled in without errors: ready to export.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/summary_panel.py" line="81"/>
        <source>任务 {no}</source>
        <translation>Task {no}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/summary_panel.py" line="84"/>
        <source>指标 {no}</source>
        <translation>Indicator {no}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/summary_panel.py" line="88"/>
        <source>{where}：{message}</source>
        <translation>{where}: {message}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/summary_panel.py" line="89"/>
        <source>{where} · {field}：{message}</source>
        <translation>{where} · {field}: {message}</translation>
    </message>
</context>
<context>
    <name>SupervisePage</name>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="175"/>
        <source>状态(&amp;S)</source>
        <translation>&amp;State</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="176"/>
        <source>单位(&amp;U)</source>
        <translation>&amp;Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="177"/>
        <source>新增督办(&amp;N)…</source>
        <translation>&amp;New notice…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="178"/>
        <source>对一个单位的一项任务发出督办（Ctrl+N）</source>
        <translation>Raise a notice on one of a unit&apos;s tasks (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="179"/>
        <source>办结(&amp;C)</source>
        <translation>&amp;Close notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="180"/>
        <source>打印通知(&amp;P)…</source>
        <translation>&amp;Print notice…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="181"/>
        <source>生成督办通知 Word 文件并打开（Ctrl+P）</source>
        <translation>Write the notice as a Word file and open it (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="201"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="204"/>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="205"/>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="234"/>
        <source>共 {0} 条，待答复 {1}，已逾期 {2}</source>
        <translation>{0} notices, {1} awaiting reply, {2} overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="258"/>
        <source>选中一条督办，这里显示督办事项和单位的答复。</source>
        <translation>Choose a notice to see its text and the unit&apos;s reply here.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="270"/>
        <source>督办事项：</source>
        <translation>Notice: </translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="276"/>
        <source>期限：{0}&#x3000;发出：{1} {2}</source>
        <translation>Due: {0}  Raised: {1} {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="286"/>
        <source>单位答复（{0}）：</source>
        <translation>Reply ({0}): </translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="292"/>
        <source>单位尚未答复。</source>
        <translation>The unit has not replied yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="297"/>
        <source>已于 {0} 由 {1} 办结。</source>
        <translation>Closed at {0} by {1}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="335"/>
        <source>未能发出督办</source>
        <translation>Could not raise the notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="350"/>
        <source>办结督办</source>
        <translation>Close notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="351"/>
        <source>办结 {0} 关于任务 {1} 的督办？</source>
        <translation>Close the notice to {0} on task {1}?</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="358"/>
        <source>未能办结督办</source>
        <translation>Could not close the notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="369"/>
        <source>督办通知_{0}_{1}.docx</source>
        <translation>notice_{0}_{1}.docx</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="371"/>
        <source>保存督办通知</source>
        <translation>Save the notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="371"/>
        <source>Word 文档 (*.docx)</source>
        <translation>Word document (*.docx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/supervise_page.py" line="398"/>
        <source>未能生成督办通知</source>
        <translation>Could not write the notice</translation>
    </message>
</context>
<context>
    <name>TablePanel</name>
    <message>
        <location filename="../../app/ui/office/plans/table_panel.py" line="90"/>
        <source>添加(Ins)</source>
        <translation>Add (Ins)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/table_panel.py" line="91"/>
        <source>在当前行之后添加一行（Ins）</source>
        <translation>Add a row after the current one (Ins)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/table_panel.py" line="92"/>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/table_panel.py" line="93"/>
        <source>删除当前行（Ctrl+Del）</source>
        <translation>Remove the current row (Ctrl+Del)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/table_panel.py" line="94"/>
        <source>确认本表中全部待确认的内容</source>
        <translation>Confirm every guess in this table</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/table_panel.py" line="168"/>
        <source>确认本表全部（{0}）</source>
        <translation>Confirm this table ({0})</translation>
    </message>
</context>
<context>
    <name>TaskAnswersBox</name>
    <message>
        <location filename="../../app/ui/unit/task_answers.py" line="171"/>
        <source>督办事项：{text}</source>
        <translation>Supervision notice: {text}</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_answers.py" line="173"/>
        <source>办理期限：{due}（{days}）</source>
        <translation>Due: {due} ({days})</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_answers.py" line="176"/>
        <source>答复(&amp;D)：</source>
        <translation>Response (&amp;D):</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_answers.py" line="178"/>
        <source>填写办理情况；答复随下一次导出的报送文件报送市质量强市办</source>
        <translation>What was done; the response goes to the office with the next exported submission</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_answers.py" line="185"/>
        <source>市质量强市办的意见（退回修改）：</source>
        <translation>The office&apos;s comment (returned for correction):</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_answers.py" line="186"/>
        <source>市质量强市办的意见：</source>
        <translation>The office&apos;s comment:</translation>
    </message>
</context>
<context>
    <name>TaskList</name>
    <message>
        <location filename="../../app/ui/unit/task_list.py" line="206"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_list.py" line="207"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_list.py" line="208"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_list.py" line="209"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_list.py" line="210"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_list.py" line="274"/>
        <source>督</source>
        <translation>N</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_list.py" line="275"/>
        <source>意</source>
        <translation>C</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_list.py" line="280"/>
        <source>市质量强市办对此任务有意见</source>
        <translation>The office commented on this task</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_list.py" line="282"/>
        <source>督办事项 {n} 项</source>
        <translation>{n} supervision notice(s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_list.py" line="288"/>
        <source>有 {n} 个错误</source>
        <translation>{n} error(s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_list.py" line="292"/>
        <source>已填写，无错误</source>
        <translation>Filled in, no errors</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_list.py" line="293"/>
        <source>尚未填写</source>
        <translation>Not filled in yet</translation>
    </message>
</context>
<context>
    <name>TaskPanel</name>
    <message>
        <location filename="../../app/ui/unit/task_panel.py" line="90"/>
        <source>搜索任务（编号或文字）  Ctrl+F</source>
        <translation>Search tasks (number or words)  Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_panel.py" line="91"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_panel.py" line="92"/>
        <source>未完成</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <location filename="../../app/ui/unit/task_panel.py" line="93"/>
        <source>有错误</source>
        <translation>With errors</translation>
    </message>
</context>
<context>
    <name>TasksTab</name>
    <message>
        <location filename="../../app/ui/office/plans/tabs.py" line="120"/>
        <source>任务（选中一项，在下方编辑全文、责任单位和目标值）</source>
        <translation>Tasks (choose one to edit its full text, units and targets below)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/tabs.py" line="121"/>
        <source>任务全文(&amp;T)：</source>
        <translation>Full &amp;text:</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/tabs.py" line="122"/>
        <source>责任单位</source>
        <translation>Units</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/plans/tabs.py" line="123"/>
        <source>目标值</source>
        <translation>Targets</translation>
    </message>
</context>
<context>
    <name>TrackerModel</name>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="54"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="55"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="56"/>
        <source>当前版本</source>
        <translation>Current version</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="58"/>
        <source>签署时间</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="59"/>
        <source>导入时间</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="60"/>
        <source>版本数</source>
        <translation>Versions</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="61"/>
        <source>被拒收次数</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="62"/>
        <source>最近一次拒收原因</source>
        <translation>Last refusal reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="63"/>
        <source>最近导入</source>
        <translation>Last import</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="68"/>
        <source>按时报送</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="69"/>
        <source>逾期报送</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="70"/>
        <source>未报送</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="71"/>
        <source>仅有被拒收的文件</source>
        <translation>Only refused files</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="57"/>
        <source>审核</source>
        <translation>Review</translation>
    </message>
</context>
<context>
    <name>TrackerPage</name>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="255"/>
        <source>{0}（截止 {1}）：应报 {2} 个单位，按时 {3}，逾期 {4}，未报送 {5}，仅被拒收 {6}</source>
        <translation>{0} (due {1}): {2} units expected, {3} on time, {4} late, {5} missing, {6} only refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="176"/>
        <source>受理(&amp;A)</source>
        <translation>&amp;Accept</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="177"/>
        <source>受理所选单位的当前版本</source>
        <translation>Accept the chosen unit&apos;s current version</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="178"/>
        <source>退回(&amp;R)…</source>
        <translation>&amp;Return…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="179"/>
        <source>退回所选单位的当前版本，并写明意见</source>
        <translation>Return the chosen unit&apos;s current version with comments</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="180"/>
        <source>全部无误受理…</source>
        <translation>Accept all without errors…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="235"/>
        <source>受理 {0} 第 {1} 版</source>
        <translation>Accept {0} version {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/tracker_page.py" line="239"/>
        <source>退回 {0}…</source>
        <translation>Return {0}…</translation>
    </message>
</context>
<context>
    <name>TrustPage</name>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="171"/>
        <source>各成员单位用自己的签名密钥签署报送文件。登记单位发来的密钥登记文件前，请通过电话或盖章的登记表逐组核对指纹。</source>
        <translation>Each member unit signs its submissions with its own key. Before registering a unit&apos;s key registration file, confirm the fingerprint group by group by phone or against the stamped registration sheet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="175"/>
        <source>登记密钥文件…</source>
        <translation>Register key file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="176"/>
        <source>吊销…</source>
        <translation>Revoke…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="177"/>
        <source>按更换声明更换密钥…</source>
        <translation>Rotate by statement…</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="220"/>
        <source>选择密钥登记文件</source>
        <translation>Choose a key registration file</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="220"/>
        <source>密钥登记文件 (*.json);;所有文件 (*)</source>
        <translation>Key registration files (*.json);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="235"/>
        <source>无法读取登记文件：{0}</source>
        <translation>Cannot read the registration file: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="251"/>
        <source>已登记 {0} 的密钥 {1}</source>
        <translation>Registered {0}&apos;s key {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="280"/>
        <source>已吊销 {0} 的密钥，自 {1} 起签署的文件将被拒收</source>
        <translation>Revoked {0}&apos;s key: files signed from {1} on will be refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="289"/>
        <source>选择密钥更换声明</source>
        <translation>Choose a key rotation statement</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="289"/>
        <source>密钥更换声明 (*.json);;所有文件 (*)</source>
        <translation>Key rotation statements (*.json);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="305"/>
        <source>无法更换密钥：{0}</source>
        <translation>Cannot rotate the key: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/trust_page.py" line="310"/>
        <source>已为 {0} 换用新密钥 {1}</source>
        <translation>{0} now uses the new key {1}</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="129"/>
        <source>选择本单位</source>
        <translation>Your unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="130"/>
        <source>输入单位名称、简称或其中几个字查找，例如“住建”或“市场监管委”。</source>
        <translation>Type part of the unit&apos;s name or short name, e.g. “住建” or “市场监管委”.</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="131"/>
        <source>查找单位(&amp;F)：</source>
        <translation>&amp;Find unit:</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="132"/>
        <source>单位名称或简称</source>
        <translation>Unit name or short name</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="133"/>
        <source>正在读取工作方案…</source>
        <translation>Reading the plan…</translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="154"/>
        <source>又称：</source>
        <translation>Also called: </translation>
    </message>
    <message>
        <location filename="../../app/ui/setup/wizard.py" line="160"/>
        <source>没有找到这个单位，请换个说法。</source>
        <translation>No unit found; try other words.</translation>
    </message>
</context>
<context>
    <name>WrittenModel</name>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="112"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="112"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="112"/>
        <source>序号</source>
        <translation>Seq.</translation>
    </message>
    <message>
        <location filename="../../app/ui/office/feedback_dialog.py" line="112"/>
        <source>内容</source>
        <translation>Contents</translation>
    </message>
</context>
<context>
    <name>_PlanDialog</name>
    <message>
        <location filename="../../app/ui/office/plans/plan_dialogs.py" line="74"/>
        <source>已有编号为 {0} 的方案，请换一个编号。</source>
        <translation>There is a plan with code {0} already: choose another code.</translation>
    </message>
</context>
</TS>
