print("porch")
