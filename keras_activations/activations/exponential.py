"""The exponential (ELU) family: an exponential negative branch."""
