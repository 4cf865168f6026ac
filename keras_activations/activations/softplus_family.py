"""The softplus family: smooth approximations of ReLU."""
