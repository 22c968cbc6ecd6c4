import XCTest
@testable import Engine

/// PyTorch's `Block` test module: two children and a two-line extra_repr.
private final class Block: Module {
    override init() {
        super.init()
        do {
            try registerModule("fc", Linear(2, 2))
            try registerModule("act", Identity())
        } catch {
            XCTFail("Block: \(error)")
        }
    }
    override func extraRepr() -> String { "alpha=1\nbeta=two" }
}

/// No children, a two-line extra_repr.
private final class Lonely: Module {
    override func extraRepr() -> String { "one=1\ntwo=2" }
}

final class ContainerTests: XCTestCase {
    private func assertRepr(_ id: String, _ module: Module, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(module.description, try NNCore.get("repr/\(id)")["repr"] as? String, id, file: file, line: line)
    }

    func testPrintLayouts() throws {
        try assertRepr("linear", Linear(4, 3))
        try assertRepr("linear_nobias", Linear(4, 3, bias: false))
        try assertRepr("empty_seq", Sequential())
        try assertRepr("seq", Sequential(Linear(4, 3), Identity(), Linear(3, 2)))
        try assertRepr("nested", Sequential(Flatten(), Sequential(Linear(4, 4), Linear(4, 4)),
                                            Unflatten(dim: 1, unflattenedSize: [2, 2])))
        try assertRepr("seq_repeated", Sequential(Linear(2, 2), Linear(2, 2), Linear(2, 2)))
        try assertRepr("ordered", Sequential([("fc1", Linear(2, 3)), ("act", Identity()), ("fc2", Linear(3, 1))]))
        try assertRepr("modulelist", ModuleList([Linear(2, 2), Linear(2, 2), Linear(2, 2), Identity(), Linear(2, 2)]))
        try assertRepr("modulelist_empty", ModuleList())
        try assertRepr("modulelist_nested", ModuleList([Sequential(Linear(1, 1)), Sequential(Linear(1, 1))]))
        try assertRepr("moduledict", ModuleDict([("a", Linear(1, 2)), ("b", ModuleList([Identity()]))]))
        try assertRepr("block", Block())
        try assertRepr("lonely", Lonely())
        try assertRepr("flatten", Flatten(startDim: 0, endDim: 2))
        try assertRepr("unflatten", Unflatten(dim: 1, unflattenedSize: [2, 5]))
        try assertRepr("unflatten1", Unflatten(dim: -1, unflattenedSize: [6]))
        try assertRepr("identity", Identity())
        try assertRepr("seq_block", Sequential(Block(), Linear(2, 2)))
    }

    func testSequentialEditing() throws {
        let seq = Sequential(try Linear(1, 1), try Linear(1, 2), try Linear(2, 3), try Linear(3, 4))
        try assertRepr("slice", try seq.slice(start: 1, stop: 3))
        try assertRepr("slice_step", try seq.slice(step: -2))
        try seq.insert(1, Identity())
        try assertRepr("insert", seq)
        try seq.remove(at: 0)
        try assertRepr("del", seq)
        try seq.append(Flatten())
        try seq.extend([Identity()])
        try assertRepr("append", seq)
        try assertFixtureError("seq_error/index") { _ = try seq.module(at: 7) }
        try assertFixtureError("seq_error/neg_index") { _ = try seq.module(at: -8) }
        try assertFixtureError("seq_error/insert") { try seq.insert(9, Identity()) }
        XCTAssertEqual(seq.count, 6)
        XCTAssertTrue(try seq.module(at: -1) is Identity)
        XCTAssertTrue(try seq.pop(-2) is Flatten)
        XCTAssertEqual(seq.moduleEntries.map { $0.0 }, ["0", "1", "2", "3", "4"])
        XCTAssertThrowsError(try seq.slice(step: 0)) { XCTAssertEqual(pythonError($0).1, "slice step cannot be zero") }
        XCTAssertEqual((seq + Sequential(Identity())).count, 6)
    }

    func testSequentialForwardChainsChildren() throws {
        Generator.global.manualSeed(0)
        let a = try Linear(4, 3), b = try Linear(3, 2)
        let model = Sequential(a, Identity(), b)
        let x = try Tensor.randn([5, 4])
        let y = try model(x)
        let expected = try b(a(x))
        XCTAssertEqual(y.shape, [5, 2])
        XCTAssertEqual(y.doubles, expected.doubles)
        XCTAssertEqual(y.gradFn?.name, "AddmmBackward0")
        XCTAssertThrowsError(try model.call([.tensor(x), .tensor(x)])) {
            XCTAssertEqual(pythonError($0).1, "Sequential.forward() takes 2 positional arguments but 3 were given")
        }
        XCTAssertTrue(try Sequential().forward(x) === x)
    }

    func testModuleListAndDict() throws {
        let ml = ModuleList([Identity()])
        try assertFixtureError("modulelist_error/index") { _ = try ml.module(at: 3) }
        try ml.append(try Linear(1, 1))
        try ml.extend([Flatten(), Identity()])
        XCTAssertEqual(ml.count, 4)
        XCTAssertTrue(try ml.module(at: -2) is Flatten)
        let sliced = try ml.slice(start: 1)
        XCTAssertEqual(sliced.moduleEntries.map { $0.0 }, ["0", "1", "2"])
        try ml.insert(0, Flatten())
        XCTAssertTrue(try ml.module(at: 0) is Flatten)
        XCTAssertTrue(try ml.module(at: 1) is Identity)
        try ml.remove(at: 0)
        XCTAssertEqual(ml.moduleEntries.map { $0.0 }, ["0", "1", "2", "3"])
        XCTAssertEqual(ml.parameters().count, 2)
        XCTAssertThrowsError(try ModuleList([Identity()]).insert(-1, Flatten())) {
            XCTAssertEqual(pythonError($0).0, "KeyError")
            XCTAssertEqual(pythonError($0).1, "-1")
        }
        try ml.insert(7, Identity())
        XCTAssertEqual(ml.moduleEntries.map { $0.0 }, ["0", "1", "2", "3", "7"])

        let md = try ModuleDict([("b", Identity()), ("a", try Linear(1, 1))])
        try assertFixtureError("moduledict_error/key") { _ = try ModuleDict().module(forKey: "nope") }
        XCTAssertEqual(md.keys, ["b", "a"])
        try md.setModule(Flatten(), forKey: "b")
        XCTAssertEqual(md.keys, ["b", "a"])
        XCTAssertTrue(try md.module(forKey: "b") is Flatten)
        XCTAssertTrue(md.contains("a"))
        XCTAssertTrue(try md.pop("a") is Linear)
        XCTAssertEqual(md.count, 1)
        XCTAssertThrowsError(try md.setModule(Identity(), forKey: "train")) {
            XCTAssertEqual(pythonError($0).1, "attribute 'train' already exists")
        }
        md.clear()
        XCTAssertEqual(md.count, 0)
    }

    func testPythonSliceIndices() throws {
        XCTAssertEqual(try pythonSliceIndices(count: 5, start: nil, stop: nil, step: -1), [4, 3, 2, 1, 0])
        XCTAssertEqual(try pythonSliceIndices(count: 5, start: -2, stop: nil, step: nil), [3, 4])
        XCTAssertEqual(try pythonSliceIndices(count: 5, start: -100, stop: 100, step: 2), [0, 2, 4])
        XCTAssertEqual(try pythonSliceIndices(count: 5, start: Int.min, stop: Int.max, step: Int.max), [0])
        XCTAssertEqual(try pythonSliceIndices(count: 5, start: 3, stop: 1, step: nil), [])
        XCTAssertEqual(try pythonSliceIndices(count: 5, start: Int.max, stop: Int.min, step: Int.min), [4])
    }
}
