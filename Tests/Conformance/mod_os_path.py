import os
print(os.path.join("a", "b", "c.txt"), os.path.join("/x", "/y"), os.path.basename("/a/b/c.py"), os.path.dirname("/a/b/c.py"))
print(os.path.splitext("model.tar.gz"), os.path.splitext(".bashrc"), os.path.exists("/definitely/not/here"), os.path.isdir("/"))
print(os.environ.get("WICK_SURELY_UNSET", "default"))
