import XCTest
@testable import Notebook
