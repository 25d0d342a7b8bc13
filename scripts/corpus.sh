#!/usr/bin/env bash
# Set up, then turn the bundled corpus into records, a ledger, a checklist, a diff and a comparison in outputs/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
q=.venv/bin/qingdan
mkdir -p outputs
$q extract corpus/*.txt --format jsonl -o outputs/duties.jsonl --no-progress
$q extract corpus/*.txt --format csv -o outputs/duties.csv --no-progress
$q extract corpus/*.txt --format xlsx -o outputs/ledger.xlsx
$q checklist corpus/*.txt --format md -o outputs/checklist.md
$q checklist corpus/*.txt --format xlsx -o outputs/checklist.xlsx
$q compare corpus/*.txt --format xlsx -o outputs/compare.xlsx
$q compare corpus/*.txt --format md -o outputs/compare.md
$q diff tests/data/pairs/dev_old.txt tests/data/pairs/dev_new.txt --format html -o outputs/diff.html
$q diff tests/data/pairs/dev_old.txt tests/data/pairs/dev_new.txt --format md -o outputs/diff.md
rm -f outputs/*.progress
echo "outputs/: duties.jsonl duties.csv ledger.xlsx checklist.md checklist.xlsx compare.xlsx compare.md diff.html diff.md"
