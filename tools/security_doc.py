#!/usr/bin/env python3
"""Write the privacy matrix of docs/security.md from
odoo_mentorship/security/privacy_matrix.csv.

The access-matrix test (odoo_mentorship/tests/test_access_matrix.py) enforces the
same file on the models and checks that the document is up to date:
    python3 tools/security_doc.py          # rewrite the table in docs/security.md
    python3 tools/security_doc.py --check  # exit 1 if it is stale
"""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location(
    "privacy_matrix", ROOT / "odoo_mentorship" / "tests" / "privacy_matrix.py"
)
privacy_matrix = importlib.util.module_from_spec(spec)
spec.loader.exec_module(privacy_matrix)

document = ROOT / "docs" / "security.md"
text = document.read_text(encoding="utf-8")
updated = privacy_matrix.replace_in_document(text, privacy_matrix.load_matrix())
if "--check" in sys.argv[1:]:
    if updated != text:
        sys.exit("docs/security.md is stale: run tools/security_doc.py")
elif updated != text:
    document.write_text(updated, encoding="utf-8")
    print("docs/security.md updated")
