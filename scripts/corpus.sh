#!/usr/bin/env bash
# Set up, then turn every document of corpus/ into records, a ledger and a checklist in outputs/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
q=.venv/bin/qingdan
mkdir -p outputs
$q extract corpus --format jsonl -o outputs/duties.jsonl
$q extract corpus --format csv -o outputs/duties.csv
$q extract corpus --format xlsx -o outputs/ledger.xlsx
$q checklist corpus --format md -o outputs/checklist.md
$q checklist corpus --format xlsx -o outputs/checklist.xlsx
echo "outputs/: duties.jsonl duties.csv ledger.xlsx checklist.md checklist.xlsx"
