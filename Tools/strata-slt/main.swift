print("strata-slt: not built yet")
