#!/usr/bin/env bash
# Runs every test of AkkaZk on a fresh machine: installs what the tests need (Apache ZooKeeper 3.8, kazoo, Curator,
# node-zookeeper-client, PostgreSQL), builds, checks formatting, and runs all test projects.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/install-test-deps.sh

dotnet build AkkaZk.sln -c Release -v q --nologo
dotnet build src/AkkaZk.Cli/AkkaZk.Cli.csproj -c Release -v q --nologo
dotnet format whitespace AkkaZk.sln --verify-no-changes -v q

results="$root/.test-work/results"
rm -rf "$results"
mkdir -p "$results"
status=0
for project in tests/AkkaZk.Core.Tests tests/AkkaZk.Server.Tests tests/AkkaZk.ProcessTests; do
  name="$(basename "$project")"
  echo "== $name"
  if ! dotnet test "$project" -c Release --no-build --nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      --logger "console;verbosity=minimal"; then
    status=1
  fi
done

# One closing line over every project.
python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed")); failed += int(c.get("failed")) + int(c.get("error", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
