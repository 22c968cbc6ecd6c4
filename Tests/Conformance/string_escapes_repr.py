print(repr("a\nb"), repr("é"), repr("\u00ff"), repr("\x7f"), "\x41\x42", "\101", len("\t"))
