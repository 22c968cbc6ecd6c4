print('a\tb', "q'uote", 'it\'s', "\x41\u00e9\n", r'raw\n')
print("""tri
ple""", \'\'\'x\'\'\')
print('con' 'cat' "enation")
print('\\', len('\\n'))
