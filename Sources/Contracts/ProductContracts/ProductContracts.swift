// ProductContracts: the Swift types generated from Protos/product/v1 by the room619 build plugin
// (see contracts.json beside this file). Business logic lives in the product service, not here.
