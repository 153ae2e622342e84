#!/usr/bin/env bash
# Rewrites the generator's golden files (Tests/ContractCodegenTests/Golden/*.pb.swift) from the
# current generator. Review `git diff` afterwards: every change there is a change users see.
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_GOLDEN=1 swift test --filter ContractCodegenTests >/dev/null || true
swift test --filter ContractCodegenTests
git status --short Tests/ContractCodegenTests/Golden
