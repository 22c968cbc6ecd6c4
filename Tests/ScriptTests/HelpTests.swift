import XCTest
@testable import Script

/// `help(obj)`: pydoc's layout for script functions and classes, built-ins, and docs registered by bindings.
final class HelpTests: XCTestCase {
    func testFunctionHelpMatchesPydoc() {
        let r = runScript("def f(x, y=2, *args, z, **kw):\n    \"\"\"Add things.\n\n    More.\n    \"\"\"\nhelp(f)\n")
        XCTAssertEqual(r.out, "Help on function f in module __main__:\n\nf(x, y=2, *args, z, **kw)\n    Add things.\n    \n    More.\n\n")
    }

    func testBoundMethodAndLambda() {
        let r = runScript("class A:\n    def m(self, q):\n        'meth doc'\nhelp(A().m)\nhelp(lambda x, y=1: x)\n")
        XCTAssertEqual(r.out, "Help on method m in module __main__:\n\nm(q) method of __main__.A instance\n    meth doc\n\n"
                       + "Help on function <lambda> in module __main__:\n\n<lambda> lambda x, y=1\n\n")
    }

    func testClassHelpListsMembersByKind() {
        let source = """
        class A:
            "Doc."
            x = 1
            def __init__(self, a):
                self.a = a
            @property
            def p(self):
                "prop"
        help(A)

        """
        let expected = """
        Help on class A in module __main__:

        class A(builtins.object)
         |  A(a)
         |  
         |  Doc.
         |  
         |  Methods defined here:
         |  
         |  __init__(self, a)
         |      Initialize self.  See help(type(self)) for accurate signature.
         |  
         |  ----------------------------------------------------------------------
         |  Readonly properties defined here:
         |  
         |  p
         |      prop
         |  
         |  ----------------------------------------------------------------------
         |  Data descriptors defined here:
         |  
         |  __dict__
         |      dictionary for instance variables
         |  
         |  __weakref__
         |      list of weak references to the object
         |  
         |  ----------------------------------------------------------------------
         |  Data and other attributes defined here:
         |  
         |  x = 1


        """
        XCTAssertEqual(runScript(source).out, expected)
    }

    func testBuiltinsAndTopics() {
        XCTAssertEqual(runScript("help(len)").out, "Help on built-in function len in module builtins:\n\nlen(obj, /)\n    Return the number of items in a container.\n\n")
        XCTAssertEqual(runScript("help('math.sqrt')").out, "Help on built-in function sqrt in math:\n\nmath.sqrt = sqrt(x, /)\n    Return the square root of x.\n\n")
        XCTAssertEqual(runScript("help('nosuch')").out, "No Python documentation found for 'nosuch'.\nUse help() to get the interactive help utility.\nUse help(str) for help on the str class.\n\n")
    }

    func testRegistryDocumentsNativeFunctions() {
        let fn = PyNativeFunction(name: "ones_like", parameters: "input, *, dtype=") { _ in PyNone.shared }
        HelpRegistry.register(fn, doc: "Returns a tensor filled with 1.\n\nSecond paragraph.")
        NativeModules.register("gapshelp") {
            let m = PyModule(name: "gapshelp")
            m["ones_like"] = fn
            m.define("plain", "a, b=") { _ in PyNone.shared }
            return m
        }
        let r = runScript("import gapshelp\nhelp(gapshelp.ones_like)\nhelp(gapshelp.plain)\n")
        XCTAssertEqual(r.out, "Help on built-in function ones_like in module gapshelp:\n\nones_like(input, *, dtype=None)\n    Returns a tensor filled with 1.\n    \n    Second paragraph.\n\n"
                       + "Help on built-in function plain in module gapshelp:\n\nplain(a, b=None)\n\n")
        HelpRegistry.register(name: "gapshelp.plain", signature: "plain(a, b=0)", doc: "Plain.")
        XCTAssertEqual(runScript("import gapshelp\nhelp(gapshelp.plain)\n").out,
                       "Help on built-in function plain in module gapshelp:\n\nplain(a, b=0)\n    Plain.\n\n")
    }
}
