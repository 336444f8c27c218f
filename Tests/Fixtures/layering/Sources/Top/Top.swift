import Mid
@testable import Low

public struct Top { public var mid = Mid() }
