import Foundation
import Low

public struct Mid { public var low = Low() }
