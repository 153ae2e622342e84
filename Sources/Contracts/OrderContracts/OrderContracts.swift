// OrderContracts: the Swift types generated from Protos/order/v1 by the room619 build plugin
// (see contracts.json beside this file). Business logic lives in the order service, not here.
