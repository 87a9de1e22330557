"""What the tests build with: real keys and trust (``keys``), signed submissions and their
parts (``submissions``), office stores full of genuine files (``office``, ``bulletin``), plans
(``plans``), the prepared world of the reliability proofs (``world``), typing like a clerk
(``ui``), the command line run in-process (``cli``) and the repository's paths (``paths``).
Fixtures stay in the conftest.py files; their helpers live here, so no test imports from a
conftest.py."""
