print("auth-tool")
