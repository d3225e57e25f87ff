"""Where things live: everything generated stays under the ignored .local/."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LOCAL = REPO / ".local"
VENV = REPO / ".venv"
LOGS = LOCAL / "logs"
STATE = LOCAL / "state"
DATA_DIR = LOCAL / "data"
DIST = LOCAL / "dist"
ADDONS = ("transport_fleet", "transport_stock", "transport_crm")
REQUIREMENTS = (REPO / "requirements.txt", REPO / "setup" / "requirements-dev.txt")


def ensure_dirs():
    for folder in (LOCAL, LOGS, STATE, DATA_DIR, DIST):
        folder.mkdir(parents=True, exist_ok=True)
