// ConformanceContracts: the Swift types the room619 build plugin generates from the conformance
// schemas that scripts/build-conformance-runner.sh copies into Tests/Conformance/Protos/ (see
// contracts.json). Nothing is written by hand here.
