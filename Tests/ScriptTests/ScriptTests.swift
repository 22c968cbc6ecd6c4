import XCTest
@testable import Script

final class ScriptTests: XCTestCase {
    func testFollowsPython311() {
        XCTAssertEqual(Script.pythonVersion, "3.11")
    }
}
