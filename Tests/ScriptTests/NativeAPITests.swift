import XCTest
@testable import Script

/// The object model the torch bindings build on: native classes that scripts subclass, attribute
/// hooks on native bases, native callables with keywords and defaults, and native exceptions.
final class NativeAPITests: XCTestCase {
    /// Native storage for instances of `demo.Module` and of every script subclass.
    final class DemoModule: PyObject {
        var registered: [String] = []
    }

    static let moduleClass: PyClass = {
        let c = PyClass(name: "Module", bases: [Builtin.objectType], module: "demo")
        c.allocator = { cls in DemoModule(cls: cls, withAttributes: true) }
        c.attributeSetHook = { obj, name, value in
            // Ints register themselves, as Parameters do on nn.Module; the hook leaves storage to the default.
            if let m = obj as? DemoModule, value is PyInt, !name.hasPrefix("_") { m.registered.append(name) }
            return false
        }
        c.attributeFallback = { obj, name in
            name == "registered" ? PyList(((obj as? DemoModule)?.registered ?? []).map { PyStr($0) }) : nil
        }
        c.define("__init__", "self") { _ in PyNone.shared }
        c.define("describe", "self, prefix=, *, upper=") { a in
            let prefix = try a.optional(1).map { try Builtin.string($0) } ?? ">"
            let text = "\(prefix) \(a[0].cls.name) with \((a[0] as? DemoModule)?.registered.count ?? 0) parameters"
            let upper = try a.optional(2).map { try Runtime.truthy($0) } ?? false
            return PyStr(upper ? text.uppercased() : text)
        }
        c.define("__call__", "self, *args") { a in try Runtime.invokeMethod(a[0], "forward", a.rest) }
        return c
    }()

    override func setUp() {
        NativeModules.register("demo") {
            let m = PyModule(name: "demo")
            m["Module"] = NativeAPITests.moduleClass
            m.define("check_positive", "x") { a in
                guard let i = a[0] as? PyInt, i.value > 0 else { throw PyError.value("expected a positive int") }
                return i
            }
            return m
        }
    }

    func testScriptSubclassOfNativeClass() {
        let r = runScript("""
            import demo
            class Net(demo.Module):
                def __init__(self, k):
                    super().__init__()
                    self.w = k
                    self.b = 1
                    self.label = "net"
                def forward(self, x):
                    return x * self.w + self.b
            n = Net(3)
            print(n(2), n.registered, n.label, isinstance(n, demo.Module))
            print(n.describe(), n.describe("#", upper=True))
            print(demo.check_positive(4))
            try:
                demo.check_positive(-1)
            except ValueError as e:
                print("caught", e)
            n.describe(upper=True, bogus=1)

            """)
        XCTAssertEqual(r.out, """
            7 ['w', 'b'] net True
            > Net with 2 parameters # NET WITH 2 PARAMETERS
            4
            caught expected a positive int

            """, r.err)
        XCTAssertTrue(r.err.hasSuffix("TypeError: describe() got an unexpected keyword argument 'bogus'\n"), r.err)
    }
}
