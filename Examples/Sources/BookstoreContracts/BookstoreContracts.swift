// BookstoreContracts: the Swift types the room619 build plugin generates from Examples/Protos
// (see contracts.json). Nothing is written by hand here.
