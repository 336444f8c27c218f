import Foundation
import Markup

/// A module's questions as a QTI 1.2 assessment in the Common Cartridge profile: a
/// question with choices is a multiple-choice item (`cc.multiple_choice.v0p1`), a cloze a
/// fill-in-the-blank item (`cc.fib.v0p1`) that accepts its answer, any other an essay item
/// (`cc.essay.v0p1`) whose model answer is its feedback. Each item scores 100 for the
/// correct response and carries the explanation as feedback.
struct QTIAssessment {
    let ident: String
    let title: String
    let questions: [Book.Question]

    enum Kind: String {
        case multipleChoice = "cc.multiple_choice.v0p1", fillInTheBlank = "cc.fib.v0p1", essay = "cc.essay.v0p1"
    }

    static func kind(of question: Book.Question) -> Kind {
        if let choices = question.choices, choices.contains(question.answer), choices.count > 1 { return .multipleChoice }
        if question.kind == "cloze" { return .fillInTheBlank }
        return .essay
    }

    func xml() -> String {
        let items = questions.enumerated().map { item($1, number: $0 + 1) }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2">
              <assessment ident="\(ident)" title="\(XHTML.escape(title))">
                <qtimetadata>
                  <qtimetadatafield><fieldlabel>cc_profile</fieldlabel><fieldentry>cc.exam.v0p1</fieldentry></qtimetadatafield>
                  <qtimetadatafield><fieldlabel>qmd_assessmenttype</fieldlabel><fieldentry>Examination</fieldentry></qtimetadatafield>
                  <qtimetadatafield><fieldlabel>qmd_scoretype</fieldlabel><fieldentry>Percentage</fieldentry></qtimetadatafield>
                  <qtimetadatafield><fieldlabel>cc_maxattempts</fieldlabel><fieldentry>unlimited</fieldentry></qtimetadatafield>
                </qtimetadata>
                <section ident="\(ident)_S">
            \(items)    </section>
              </assessment>
            </questestinterop>

            """
    }

    private func item(_ question: Book.Question, number: Int) -> String {
        let id = "\(ident)_Q\(number)"
        let kind = QTIAssessment.kind(of: question)
        var out = """
                  <item ident="\(id)" title="Question \(number)">
                    <itemmetadata><qtimetadata>
                      <qtimetadatafield><fieldlabel>cc_profile</fieldlabel><fieldentry>\(kind.rawValue)</fieldentry></qtimetadatafield>
                      <qtimetadatafield><fieldlabel>cc_weighting</fieldlabel><fieldentry>1</fieldentry></qtimetadatafield>
                    </qtimetadata></itemmetadata>
                    <presentation>
                      <material><mattext texttype="text/html">\(html(question.prompt))</mattext></material>

            """
        switch kind {
        case .multipleChoice:
            let choices = question.choices ?? []
            out += "            <response_lid ident=\"\(id)_R\" rcardinality=\"Single\">\n              <render_choice>\n"
            for (index, choice) in choices.enumerated() {
                out += "                <response_label ident=\"\(id)_C\(index + 1)\"><material><mattext texttype=\"text/plain\">"
                    + "\(XHTML.escape(choice))</mattext></material></response_label>\n"
            }
            out += "              </render_choice>\n            </response_lid>\n          </presentation>\n"
            let correct = choices.firstIndex(of: question.answer).map { "\(id)_C\($0 + 1)" } ?? ""
            out += scoring(condition: "<varequal respident=\"\(id)_R\">\(correct)</varequal>")
        case .fillInTheBlank:
            out += "            <response_str ident=\"\(id)_R\" rcardinality=\"Single\">\n"
                + "              <render_fib><response_label ident=\"\(id)_A\"/></render_fib>\n"
                + "            </response_str>\n          </presentation>\n"
            out += scoring(condition: "<varequal respident=\"\(id)_R\" case=\"No\">\(XHTML.escape(question.answer))</varequal>")
        case .essay:
            out += "            <response_str ident=\"\(id)_R\" rcardinality=\"Single\">\n"
                + "              <render_fib><response_label ident=\"\(id)_A\" rshuffle=\"No\"/></render_fib>\n"
                + "            </response_str>\n          </presentation>\n"
            out += """
                          <resprocessing>
                            <outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>
                            <respcondition continue="No"><conditionvar><other/></conditionvar><displayfeedback feedbacktype="Response" linkrefid="general_fb"/></respcondition>
                          </resprocessing>

                """
        }
        let feedback = (kind == .essay ? "<p><strong>A model answer:</strong> \(BookMarkup.inline(question.answer))</p>" : "")
            + "<p>\(BookMarkup.inline(question.explanation))</p>"
        out += """
                    <itemfeedback ident="general_fb"><flow_mat><material><mattext texttype="text/html">\(XHTML.escape(feedback))</mattext></material></flow_mat></itemfeedback>
                  </item>

            """
        return out
    }

    private func scoring(condition: String) -> String {
        """
                    <resprocessing>
                      <outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>
                      <respcondition continue="Yes"><conditionvar><other/></conditionvar><displayfeedback feedbacktype="Response" linkrefid="general_fb"/></respcondition>
                      <respcondition continue="No"><conditionvar>\(condition)</conditionvar><setvar action="Set" varname="SCORE">100</setvar></respcondition>
                    </resprocessing>

        """
    }

    /// A prompt as escaped HTML (mattext of type text/html holds HTML as text).
    private func html(_ markdown: String) -> String {
        XHTML.escape(markdown.contains("```") ? MarkdownDocument(markdown).html() : "<p>" + BookMarkup.inline(markdown) + "</p>")
    }
}
