open("_no_such_file_here.txt")
