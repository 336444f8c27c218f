print("scrollbuild")
