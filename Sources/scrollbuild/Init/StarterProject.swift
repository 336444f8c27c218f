/// The project `scrollbuild init` writes: settings, a .gitignore, and one course of each
/// kind with real content (chapters written by hand, modules from an outline with notes,
/// and a course made from a folder of documentation), so that the first build works.
enum StarterProject {
    /// Relative path and text of every file, in the order they are written.
    static func files(title: String) -> [(path: String, text: String)] {
        [
            ("scrollbuild.yml", settings(title: title)),
            (".gitignore", "# scrollbuild's output and state (its LLM answers live here too)\nbuild/\n"),
            ("catalog/writing-chapters.md", writingChaptersCourse),
            ("content/writing-chapters/01-a-chapter-is-a-file.md", chapterOne),
            ("content/writing-chapters/02-links-and-images.md", chapterTwo),
            ("catalog/spaced-practice.md", spacedPracticeCourse),
            ("catalog/handbook.md", handbookCourse),
            ("docs/index.md", handbookIndex),
            ("docs/building.md", handbookBuilding),
            ("docs/publishing.md", handbookPublishing),
        ]
    }

    static func settings(title: String) -> String {
        """
        # scrollbuild's settings: every field is optional (docs: scrollbuild's docs/configuration.md).
        site:
          title: \(title)
          description: Courses built with scrollbuild.
          # base_url: https://example.org/courses/   # for the sitemap and the feed
        # The theme, prompts and schemas are built in; `scrollbuild init --eject theme`
        # (or prompts, schemas) copies them here to edit.
        llm:
          provider: offline   # no network and no key; `openai` for any compatible endpoint

        """
    }

    static let writingChaptersCourse = """
        ---
        id: writing-chapters
        title: Writing Chapters
        subject: writing
        level: beginner
        audience: Authors who want to publish a short course from Markdown files.
        source:
          kind: content
          chapters: [01-a-chapter-is-a-file.md, 02-links-and-images.md]
        ---
        A course whose chapters you write yourself, one Markdown file each, in
        `content/writing-chapters/`. Edit one and build again: only its page is rebuilt.

        """

    static let chapterOne = """
        # A chapter is a file

        Each chapter of a hand-written course is one Markdown file in the course's folder
        under `content/`. The course file in `catalog/` lists the chapters in the order a
        learner reads them; a chapter that is not listed is not published.

        ## What a chapter holds

        A chapter starts with a heading, which becomes its title in the course outline.
        Below it, write as you would for any Markdown page: paragraphs, lists, tables and
        code blocks.

        ```sh
        scrollbuild all        # build every course
        scrollbuild status     # see what the next build would do
        ```

        ## Rebuilding only what changed

        scrollbuild remembers what each page was built from. When you change this file,
        the next build rebuilds this chapter's page and the course outline, and nothing
        else. Try it: add a sentence here, run `scrollbuild all`, and read the summary.

        """

    static let chapterTwo = """
        # Links and images

        Link to another chapter by its file name, as in [the first chapter](01-a-chapter-is-a-file.md):
        the link is rewritten to the chapter's page. A link to a chapter that does not
        exist is reported as a warning with its file, line and column.

        ## Checking your work

        Before publishing, build with `scrollbuild all` and read the warnings at the end of
        the output. Each one names the file and line to fix. The summary line tells you how
        many tasks ran and how long the build took.

        ## Where the site goes

        The site is written to `build/site/`. Open `build/site/index.html` in a browser: it
        works from the file system, with no server.

        """

    static let spacedPracticeCourse = """
        ---
        id: spaced-practice
        title: Spaced Practice
        subject: learning
        level: beginner
        audience: Learners and teachers who want study time to stick.
        source:
          kind: modules
          modules:
            - title: Why spacing works
              lectures: [The forgetting curve, Retrieval strengthens memory]
              notes: |
                ## The forgetting curve

                The forgetting curve is the steep drop in what we can recall in the days after
                we learn something. Most of the loss happens early: without review, much of a
                lesson is gone within a week.

                Each time we review just before we would have forgotten, the curve flattens.
                The memory lasts longer, and the next review can wait longer.

                ## Retrieval strengthens memory

                Retrieval practice is recalling something from memory instead of reading it
                again. Answering a question, writing what you remember or explaining an idea
                to someone are all retrieval. Retrieval is harder than rereading, and that
                effort is what makes the memory stronger.

                For example, after reading a chapter, close the book and write down its three
                main ideas before checking them. The ideas you could not recall are the ones to
                study again; the ones you recalled are now a little more durable than before.

                ## Why cramming feels better than it is

                Cramming is studying a topic in one long session just before it is needed. It
                feels productive, because the material is fresh and rereading it is fluent.
                That fluency is misleading: it measures how familiar the page looks, not how
                well you can recall it a week later.

                Spacing the same hours over several days usually gives better long-term
                recall, even though each session feels harder. The difficulty is a sign that
                retrieval is doing its work, not a sign that the method is failing.
            - title: Planning spaced reviews
              lectures: [Expanding intervals, A weekly review routine]
              notes: |
                ## Expanding intervals

                An expanding schedule is a review plan in which each gap is longer than the
                one before: one day, then three days, then a week, then a month. Each
                successful recall earns a longer wait.

                The right first gap depends on how long you need to remember the material. For
                an exam in a month, review after a day and again after a week; for knowledge
                you want for years, keep stretching the gaps to months. A missed recall is not
                a failure: it tells you to shorten the next gap and try again.

                Flashcard programs such as Anki schedule these reviews for you. Each card
                comes back just before you would forget it, and cards you know well come back
                rarely, so a few minutes a day cover hundreds of facts.

                ## A weekly review routine

                A routine that fits into a normal week:

                1. At the end of each study session, write three questions about it.
                2. The next day, answer them without notes.
                3. At the end of the week, answer all of the week's questions again.
                4. Move the questions you missed to next week's list.

                Keep the questions short and specific: "What does retrieval practice
                strengthen?" is better than "Explain memory". A question you can answer in a
                sentence is one you can check honestly, and honest checking is what shows you
                where to spend the next session.
        ---
        A course planned as an outline: each module's notes are what it teaches, and the
        offline author turns them into a page with questions and flashcards.

        """

    static let handbookCourse = """
        ---
        id: handbook
        title: The Project Handbook
        subject: writing
        level: beginner
        audience: Anyone who joins this project and needs to build and publish it.
        source:
          kind: repo
          url: .
          ref: HEAD
          folders: [docs]
        ---
        A course made from a folder of documentation (here, this project's own `docs/`):
        scrollbuild reads the documents, plans an order and writes modules from them.

        """

    static let handbookIndex = """
        # The project handbook

        This handbook explains how this course project is built and published. Read it in
        order: building first, then publishing.

        - [Building the site](building.md)
        - [Publishing the site](publishing.md)

        """

    static let handbookBuilding = """
        # Building the site

        The site is built with one command, run in the project folder:

        ```sh
        scrollbuild all
        ```

        A build is incremental: scrollbuild records what each page was made from and
        rebuilds only pages whose sources changed. A second build with nothing changed runs
        no task at all.

        ## Reading the output

        On a terminal, one line shows the build as it runs. At the end come the errors and
        warnings, each with its file, line and column, and a summary of how many tasks ran.
        The exit code is 0 when everything built and 1 when a course has errors; the other
        courses are built either way.

        """

    static let handbookPublishing = """
        # Publishing the site

        The finished site is the folder `build/site/`. It is plain HTML and CSS, so any
        static host can serve it: copy the folder to the host, or let your CI job upload it
        after `scrollbuild all` succeeds.

        ## Keeping the build folder out of git

        The build folder holds the site and scrollbuild's state, including any answers
        paid for from a language model. It is listed in `.gitignore`; keep it between CI
        runs as a cache so that unchanged courses are not built, or paid for, again.

        """
}
