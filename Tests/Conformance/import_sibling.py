import helper_module
from helper_module import double, CONSTANT
print(helper_module.double(4), double(5), CONSTANT, helper_module.__name__)
