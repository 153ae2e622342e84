print("room619")
