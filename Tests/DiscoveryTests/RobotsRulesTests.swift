import Discovery
import Testing

@Suite struct RobotsRulesTests {
    static let text = """
        # The site's rules
        User-agent: *
        Disallow: /courses/private/
        Allow: /courses/private/open$
        Disallow: /*.pdf$

        User-agent: scrollbuild
        User-agent: otherbot   # two agents, one group
        Disallow: /search
        Crawl-delay: 2

        User-agent: BadBot
        Disallow: /
        """

    @Test func theNamedGroupIsChosenOverTheWildcard() {
        let rules = RobotsRules(parsing: Self.text, agent: "scrollbuild")
        #expect(rules.allows("/courses/private/x"), "the * group's rules leaked into scrollbuild's group")
        #expect(!rules.allows("/search?q=calculus"))
        #expect(rules.allows("/searching") == false, "a rule is a prefix")
        #expect(rules.crawlDelay == 2)
    }

    @Test func anyOtherAgentGetsTheWildcardGroupWithLongestMatchWinning() {
        let rules = RobotsRules(parsing: Self.text, agent: "curious-crawler")
        #expect(!rules.allows("/courses/private/notes/"))
        #expect(rules.allows("/courses/private/open"), "the longer Allow should win")
        #expect(!rules.allows("/courses/private/open/more"), "$ anchors the end")
        #expect(!rules.allows("/courses/18-01/lecture1.pdf"))
        #expect(rules.allows("/courses/18-01/lecture1.pdf?download=1"))
        #expect(rules.allows("/courses/18-01/"))
        #expect(rules.crawlDelay == nil)
    }

    @Test func emptyDisallowAndNoRulesAllowEverything() {
        #expect(RobotsRules(parsing: "User-agent: *\nDisallow:\n", agent: "scrollbuild").allows("/anything"))
        #expect(RobotsRules(parsing: "", agent: "scrollbuild").allows("/anything"))
        #expect(!RobotsRules.disallowAll.allows("/"))
        #expect(!RobotsRules(parsing: Self.text, agent: "BadBot/2.1").allows("/index.html"))
    }
}
