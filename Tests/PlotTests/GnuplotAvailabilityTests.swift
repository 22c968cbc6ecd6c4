import XCTest
@testable import Plot

final class GnuplotAvailabilityTests: XCTestCase {
    func testGnuplotFoundOnPath() {
        XCTAssertEqual(Plot.gnuplotAvailable, FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot"))
    }
}
