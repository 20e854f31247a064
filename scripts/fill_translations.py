"""Fill empty msgstr entries of a gettext catalogue from a JSON dictionary {msgid: msgstr}.

Usage: python scripts/fill_translations.py src/maatmonitor/locale/en/LC_MESSAGES/django.po docs/translations/en.json
Run after `django-admin makemessages -l en`; untranslated ids are listed so none goes unnoticed.
"""

import json
import re
import sys
from pathlib import Path

ENTRY = re.compile(r'(msgid ((?:"(?:[^"\\]|\\.)*"\n)+)msgstr )""\n(?!")', re.MULTILINE)


def _unquote(block: str) -> str:
    return "".join(json.loads(line) for line in block.strip().splitlines())


def fill(po_path: Path, table: dict[str, str]) -> list[str]:
    text = po_path.read_text(encoding="utf-8")
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        msgid = _unquote(match.group(2))
        if not msgid:
            return match.group(0)
        # makemessages doubles "%" in python-format ids; the table keeps the text as written.
        plain = msgid.replace("%%", "%")
        if msgid in table:
            translated = table[msgid]
        elif plain in table:
            # Double the literal "%" only; "%(name)s" placeholders stay as they are.
            translated = re.sub(r"%(?!\()", "%%", table[plain])
        else:
            missing.append(msgid)
            return match.group(0)
        return f"{match.group(1)}{json.dumps(translated, ensure_ascii=False)}\n"

    text = ENTRY.sub(replace, text)
    text = text.replace("#, fuzzy\n", "")
    po_path.write_text(text, encoding="utf-8")
    return missing


if __name__ == "__main__":
    po, table_path = Path(sys.argv[1]), Path(sys.argv[2])
    missing = fill(po, json.loads(table_path.read_text(encoding="utf-8")))
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    sys.exit(1 if missing else 0)
