print((255).bit_length(), (5).real, (3).imag, (-7).bit_length(), 3.5.is_integer(), 4.0.is_integer())
