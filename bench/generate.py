#!/usr/bin/env python3
"""Generates one synthetic catalog three ways, over the same source files:

  <out>/project/   a scrollbuild project: N courses of 10 chapters (~500 words each),
                   some prerequisites, this repository's theme;
  <out>/project/build.ninja
                   the equivalent ninja graph: one edge per scrollbuild task, reading and
                   writing the same files (restat where scrollbuild cuts off);
  <out>/project/minimal.ninja
                   the smallest graph a person would write for the same pages: one
                   cmark-gfm edge per chapter page, one per course page, one for the index;
  <out>/hugo/      the same pages as a Hugo site (sections = courses, pages = chapters).

Deterministic: the same N gives the same bytes.
"""
import argparse
import os
import random
import shutil

WORDS = ("build graph node edge trace digest cache store value rule key input output change "
         "rebuild cutoff stat inode mtime hash content page course chapter module lesson learner "
         "reader author outline catalog prerequisite quiz review practice example summary theme "
         "template site index link table list section heading paragraph sentence word idea").split()
CHAPTERS = 10


def paragraph(rng, sentences=6):
    out = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 14))]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def chapter_text(rng, course, k):
    parts = [f"# Chapter {k + 1} of {course}", ""]
    for h in range(3):
        parts += [f"## Part {h + 1}", "", paragraph(rng), "", paragraph(rng), ""]
    parts += ["| term | meaning |", "|---|---|", "| stat | file metadata |", "| digest | content hash |", ""]
    return "\n".join(parts)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def generate(n, out, theme, chapters=CHAPTERS):
    rng = random.Random(n)
    project = os.path.join(out, "project")
    hugo = os.path.join(out, "hugo")
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(theme, os.path.join(project, "site-templates"))
    write(os.path.join(project, "scrollbuild.yml"), "site:\n  title: Benchmark Library\n")
    ids = [f"course-{i:05d}" for i in range(n)]
    minimal = ["# The smallest graph for the same pages (bench/run.py builds it with -f).",
               "builddir = .ninja-minimal",
               "rule md", "  command = cmark-gfm -e table $in > $out",
               "rule index", "  command = xargs cat < $out.rsp | cmark-gfm > $out",
               "  rspfile = $out.rsp", "  rspfile_content = $in", ""]
    ninja = ["# One edge per scrollbuild task, over the same files.",
             "rule cp", "  command = cp $in $out",
             "rule cat", "  command = cat $in > $out",
             "rule cutoff",  # writes only when the bytes change, like scrollbuild's early cutoff
             "  command = cat $in > $out.tmp && (cmp -s $out.tmp $out && rm $out.tmp || mv $out.tmp $out)",
             "  restat = 1",
             "rule catrsp",  # for edges with thousands of inputs: a command line holds at most 128 KiB
             "  command = xargs cat < $out.rsp > $out",
             "  rspfile = $out.rsp",
             "  rspfile_content = $in", ""]
    b = ".b"
    summaries, coursepages, entries = [], [], []
    templates = sorted(os.path.join("site-templates", t) for t in os.listdir(theme) if t.endswith(".mustache"))
    ninja.append(f"build {b}/settings: cutoff scrollbuild.yml")
    ninja.append(f"build {b}/templates: cutoff {' '.join(templates)}")
    write(os.path.join(hugo, "config.toml"), 'title = "Benchmark Library"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
    for i, cid in enumerate(ids):
        prereqs = [ids[j] for j in sorted({rng.randrange(i) for _ in range(2)})] if i > 0 and i % 3 == 0 else []
        front = (f"---\nid: {cid}\ntitle: Course {i}\nsubject: subject-{i % 12}\nlevel: "
                 f"{['beginner', 'intermediate', 'advanced'][i % 3]}\nprerequisites: [{', '.join(prereqs)}]\n"
                 f"source:\n  kind: content\n---\n{paragraph(rng, 3)}\n")
        write(os.path.join(project, "catalog", cid + ".md"), front)
        write(os.path.join(hugo, "content", cid, "_index.md"),
              f"---\ntitle: Course {i}\nweight: {i}\n---\n{paragraph(rng, 3)}\n")
        chapter_files = []
        for k in range(chapters):
            text = chapter_text(rng, cid, k)
            name = f"{k + 1:02d}-chapter.md"
            write(os.path.join(project, "content", cid, name), text)
            body = text.split("\n", 1)[1]
            write(os.path.join(hugo, "content", cid, name),
                  f"---\ntitle: Chapter {k + 1} of {cid}\nweight: {k + 1}\n---\n{body}")
            chapter_files.append(f"content/{cid}/{name}")
        # The edges scrollbuild runs for this course.
        cat = f"catalog/{cid}.md"
        entries.append(f"{b}/entry/{cid}")
        ninja.append(f"build {b}/entry/{cid}: cutoff {cat}")
        ninja.append(f"build {b}/locate/{cid}: cutoff {b}/catalog")
        ninja.append(f"build {b}/course/{cid}: cutoff {cat} | {b}/locate/{cid}")
        ninja.append(f"build {b}/chapters/{cid}: cutoff {b}/course/{cid}")
        titles = []
        for f in chapter_files:
            t = f"{b}/title/{f}"
            titles.append(t)
            ninja.append(f"build {t}: cutoff {f}")
        ninja.append(f"build {b}/outline/{cid}: cutoff {b}/course/{cid} {b}/chapters/{cid} {' '.join(titles)}")
        ninja.append(f"build {b}/summary/{cid}: cutoff {b}/course/{cid} {b}/outline/{cid}")
        summaries.append(f"{b}/summary/{cid}")
        pages = [f"build/site/{cid}/index.html"]
        ninja.append(f"build {pages[0]}: cat {b}/course/{cid} {b}/outline/{cid} {b}/templates "
                     + " ".join(f"{b}/summary/{p}" for p in prereqs))
        for f in chapter_files:
            page = f"build/site/{cid}/{os.path.basename(f)[:-3]}.html"
            pages.append(page)
            ninja.append(f"build {page}: cat {b}/outline/{cid} {b}/course/{cid} {f} {b}/templates")
        ninja.append(f"build {b}/coursepages/{cid}: cutoff {b}/outline/{cid} | {' '.join(pages)}")
        minimal.append(f"build minimal/{cid}/index.html: md {cat}")
        for f in chapter_files:
            minimal.append(f"build minimal/{cid}/{os.path.basename(f)[:-3]}.html: md {f}")
        coursepages.append(f"{b}/coursepages/{cid}")
    ninja.append(f"build {b}/catalog: catrsp {b}/settings {' '.join(entries)}")
    ninja.append(f"build build/site/index.html: catrsp {b}/catalog {b}/templates {' '.join(summaries)}")
    ninja.append("build build/site/style.css: cp site-templates/style.css")
    ninja.append(f"build {b}/site: catrsp {b}/catalog | build/site/index.html build/site/style.css {' '.join(coursepages)}")
    ninja.append(f"default {b}/site")
    write(os.path.join(project, "build.ninja"), "\n".join(ninja) + "\n")
    minimal.append(f"build minimal/index.html: index {' '.join(f'catalog/{cid}.md' for cid in ids)}")
    write(os.path.join(project, "minimal.ninja"), "\n".join(minimal) + "\n")
    write_hugo_layouts(hugo)


def write_hugo_layouts(hugo):
    head = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>'
            '<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head><body><header>'
            '<a href="{{ "index.html" | relURL }}">{{ .Site.Title }}</a></header>')
    foot = "<footer>Built with Hugo.</footer></body></html>\n"
    write(os.path.join(hugo, "layouts", "index.html"), head +
          '<main><h1>{{ .Site.Title }}</h1>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>'
          "<p>{{ .Summary }}</p></li>{{ end }}</main>" + foot)
    write(os.path.join(hugo, "layouts", "_default", "list.html"), head +
          "<main><h1>{{ .Title }}</h1>{{ .Content }}<ol>{{ range .Pages.ByWeight }}"
          '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></main>' + foot)
    write(os.path.join(hugo, "layouts", "_default", "single.html"), head +
          '<nav><ol>{{ range .CurrentSection.Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>'
          "{{ end }}</ol></nav><main>{{ .Content }}"
          '{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}'
          '{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</main>' + foot)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--chapters", type=int, default=CHAPTERS)
    parser.add_argument("--theme", default=os.path.join(os.path.dirname(__file__), "..", "site-templates"))
    args = parser.parse_args()
    generate(args.n, args.out, args.theme, args.chapters)
