import XCTest
@testable import Bindings
import Engine
import Script

/// The Swift-side API of the bindings (what the nn bindings build on) and wick-specific
/// behaviour that has no PyTorch reference output (CPU-only errors, NotImplementedError).
final class BindingsAPITests: XCTestCase {
    override func setUp() {
        Bindings.install()
    }

    func testWrapKeepsOneObjectPerTensor() {
        let t = Tensor(zeros: [2])
        let a = TensorObject.wrap(t), b = TensorObject.wrap(t)
        XCTAssertTrue(a === b)
        XCTAssertTrue(a.tensor === t)
        XCTAssertEqual(a.cls.name, "Tensor")
    }

    func testParameterWrapsAsParameterClassAndPrintsItsHeader() throws {
        let p = try TensorObject.makeParameter(try Tensor([1.0, 2.0] as [Float], shape: [2]))
        XCTAssertTrue(p.tensor.isParameter)
        XCTAssertTrue(p.tensor.requiresGrad)
        XCTAssertEqual(p.cls.name, "Parameter")
        XCTAssertEqual(p.cls.module, "torch.nn.parameter")
        XCTAssertTrue(p.cls.isSubclass(of: TensorObject.tensorClass))
        XCTAssertEqual(try Runtime.repr(p), "Parameter containing:\ntensor([1., 2.], requires_grad=True)")
        // A parameter made by Swift code wraps as Parameter too.
        let q = Tensor(zeros: [1])
        q.isParameter = true
        XCTAssertEqual(TensorObject.wrap(q).cls.name, "Parameter")
    }

    func testParameterIsReachableFromScriptsThroughAnExtension() {
        TorchModule.extensions.append { torch in
            TorchModule.submodule("torch.nn.parameter", in: torch)["Parameter"] = TensorObject.parameterClass
        }
        defer { TorchModule.extensions.removeLast() }
        let out = runTorchScript("""
        import torch
        p = torch.nn.parameter.Parameter(torch.tensor([1.0, 2.0]))
        print(p)
        print(type(p).__name__, isinstance(p, torch.Tensor), p.requires_grad, p.is_leaf)
        q = p * 2
        print(type(q).__name__, q.grad_fn.name())
        print(torch.nn.parameter.Parameter(torch.ones(1), requires_grad=False).requires_grad)
        """)
        XCTAssertEqual(out, """
        Parameter containing:
        tensor([1., 2.], requires_grad=True)
        Parameter True True True
        Tensor MulBackward0
        False

        """)
    }

    func testMissingTorchNamesRaiseNotImplementedError() {
        XCTAssertEqual(runTorchScript("import torch\ntorch.fft_magic(1)\n"),
                       "NotImplementedError: torch.fft_magic is not supported by wick\n")
        XCTAssertEqual(runTorchScript("import torch\ntorch.ones(2).cholesky()\n"),
                       "NotImplementedError: Tensor.cholesky is not supported by wick\n")
        XCTAssertEqual(runTorchScript("""
        import torch
        print(hasattr(torch, "fft_magic"), getattr(torch, "fft_magic", None), hasattr(torch, "zeros"))
        try:
            torch.einsum("ii", torch.ones(2, 2))
        except NotImplementedError as e:
            print(type(e).__name__, e)
        """), "False None True\nNotImplementedError torch.einsum is not supported by wick\n")
        XCTAssertEqual(runTorchScript("import torch\ntorch.ones(2).frobnicate()\n"),
                       "AttributeError: 'Tensor' object has no attribute 'frobnicate'\n")
        XCTAssertEqual(runTorchScript("import torch\nprint(repr(torch.ones(2).numpy()))\n"), "array([1., 1.], dtype=float32)\n")
    }

    func testCudaRequestsSayWickRunsOnTheCPU() {
        let message = "RuntimeError: wick runs on the CPU only: device 'cuda' is not available (torch.cuda.is_available() is False in wick)\n"
        XCTAssertEqual(runTorchScript("import torch\ntorch.ones(2).to('cuda')\n"), message)
        XCTAssertEqual(runTorchScript("import torch\ntorch.zeros(2, device='cuda')\n"), message)
        XCTAssertEqual(runTorchScript("import torch\ntorch.ones(2).cuda()\n"), message)
        XCTAssertEqual(runTorchScript("import torch\nprint(torch.device('cuda'))\n"), "cuda\n")
    }

    func testEachRunStartsWithFreshEngineState() {
        _ = runTorchScript("import torch\ntorch.set_grad_enabled(False)\ntorch.set_default_dtype(torch.float64)\ntorch.set_printoptions(precision=1)\n")
        let first = runTorchScript("import torch\nprint(torch.is_grad_enabled(), torch.tensor([1.25]), torch.rand(1))\n")
        XCTAssertTrue(first.hasPrefix("True tensor([1.2500]) tensor(["), first)
        // The generator starts from the same seed in every run (PyTorch seeds a new process randomly).
        XCTAssertEqual(runTorchScript("import torch\nprint(torch.is_grad_enabled(), torch.tensor([1.25]), torch.rand(1))\n"), first)
    }

    func testSubmoduleImportsShareOneModuleObject() {
        let out = runTorchScript("""
        import torch
        import torch.autograd
        from torch.autograd import Function, grad
        import torch.cuda as cuda
        print(torch.autograd is __import__ if False else torch.autograd.Function is Function, cuda is torch.cuda)
        from torch.autograd.gradcheck import GradcheckError
        print(issubclass(GradcheckError, RuntimeError), torch.autograd.gradcheck(torch.sin, (torch.ones(1, dtype=torch.float64, requires_grad=True),)))
        """)
        XCTAssertEqual(out, "True True\nTrue True\n")
    }

    func testArgumentHelpersUsePyTorchWording() {
        let site = ArgumentSite("mm", isMethod: true)
        XCTAssertThrowsError(try Args.tensor(PyStr("x"), site, "mat2", 1)) { e in
            XCTAssertEqual((e as? PyError)?.exception.message, "mm(): argument 'mat2' (position 1) must be Tensor, not str")
        }
        let f = ArgumentSite("zeros", isMethod: false)
        XCTAssertEqual(try Args.size(PyTuple([PyInt.make(2), PyInt.make(3)]), [], f), [2, 3])
        XCTAssertEqual(try Args.size(PyInt.make(2), [PyInt.make(3)], f), [2, 3])
        XCTAssertEqual(try Args.dims(PyInt.make(1), f, "dim", 1), [1])
        XCTAssertNil(try Args.dims(PyNone.shared, f, "dim", 1))
        XCTAssertEqual(try Args.dtype(DTypeObject.of(.float64), f), .float64)
        XCTAssertThrowsError(try Args.intList(PyList([PyInt.make(1), PyFloat(2)]), f, "size", 0)) { e in
            XCTAssertEqual((e as? PyError)?.exception.message,
                           "zeros(): argument 'size' (position 1) must be tuple of ints, but found element of type float at pos 1")
        }
    }

    func testEngineErrorKindsBecomePythonClasses() {
        XCTAssertEqual(TorchErrors.python(.index("i")).exception.cls.name, "IndexError")
        XCTAssertEqual(TorchErrors.python(.value("v")).exception.cls.name, "ValueError")
        XCTAssertEqual(TorchErrors.python(.type("t")).exception.cls.name, "TypeError")
        XCTAssertEqual(TorchErrors.python(.notImplemented("n")).exception.cls.name, "NotImplementedError")
        XCTAssertEqual(TorchErrors.python(TensorError(.zeroDivision, "z")).exception.cls.name, "ZeroDivisionError")
        XCTAssertEqual(TorchErrors.python(.runtime("r")).exception.message, "r")
    }
}

/// `help()` on torch functions shows the registered PyTorch docs.
final class BindingsHelpTests: XCTestCase {
    func testHelpShowsTorchDocs() {
        let out = runTorchScript("import torch\nhelp(torch.zeros)\nhelp(torch.ones(1).backward)\n")
        XCTAssertTrue(out.contains("zeros(*size, *, dtype=None, device=None, requires_grad=False)"), out)
        XCTAssertTrue(out.contains("Returns a tensor filled with the scalar value 0, with the shape defined by size."), out)
        XCTAssertTrue(out.contains("Computes the gradient of current tensor w.r.t. graph leaves"), out)
    }
}
