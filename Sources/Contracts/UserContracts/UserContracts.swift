// UserContracts: the Swift types generated from Protos/user/v1 by the room619 build plugin
// (see contracts.json beside this file). Business logic lives in the user service, not here.
