from helper_pkg import tools
import helper_pkg.tools as t
print(tools.triple(3), t.triple(4))
