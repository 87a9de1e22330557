"""The printable key registration sheet: signed, stamped and sent with the registration file,
so the office can confirm the fingerprint out of band."""

from __future__ import annotations

from app.io.keys import ALGORITHM, Registration, format_fingerprint


def registration_sheet_html(reg: Registration, *, contact: str = "", plan_title: str = "") -> str:
    """An A4 page to print, sign and stamp: the fingerprint in large readable groups."""
    from html import escape

    groups = format_fingerprint(reg.fingerprint).split(" ")
    rows = "".join(
        "<tr>" + "".join(f"<td>{g}</td>" for g in groups[i : i + 4]) + "</tr>"
        for i in range(0, len(groups), 4)
    )
    created = reg.created_at.strftime("%Y-%m-%d %H:%M UTC")
    fields = [
        ("单位", f"{reg.unit_name}（{reg.unit}）"),
        ("填报人", reg.clerk),
        ("联系电话", contact),
        ("密钥生成时间", created),
        ("签名算法", ALGORITHM),
    ]
    info = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in fields)
    title = escape(plan_title) if plan_title else "质量工作任务填报"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>签名密钥登记表 {escape(reg.unit_name)}</title>
<style>
@page {{ size: A4; margin: 20mm; }}
body {{ font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 12pt; }}
h1 {{ text-align: center; font-size: 18pt; }}
table.info th {{ text-align: left; width: 8em; padding: 4pt; }}
table.info td {{ padding: 4pt; border-bottom: 1px solid #999; min-width: 20em; }}
table.fp {{ margin: 8pt auto; border-collapse: collapse; }}
table.fp td {{ font-family: "Consolas", "DejaVu Sans Mono", monospace; font-size: 20pt;
  padding: 4pt 10pt; border: 1px solid #333; letter-spacing: 2pt; }}
.sign {{ margin-top: 24pt; line-height: 2.6; }}
</style></head><body>
<h1>签名密钥登记表</h1>
<p style="text-align:center">{title}</p>
<table class="info">{info}</table>
<h2>公钥指纹（SHA-256）</h2>
<table class="fp">{rows}</table>
<p>本单位确认：上列指纹是本单位报送文件所用签名密钥的指纹。市质量强市办收到登记文件后，
请逐组核对指纹与本表一致（可电话核对），核对无误后再登记。指纹不一致时请勿登记。</p>
<div class="sign">单位负责人（签字）：____________　　单位（盖章）　　日期：____年__月__日<br>
市质量强市办核对人：____________　核对方式：□电话 □当面 □本表　核对日期：____年__月__日</div>
</body></html>
"""
