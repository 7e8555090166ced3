"""The user guide ships a chapter for every installed feature that declares one."""

from pcdesk import registry
from pcdesk.guide import chapter_for_page, chapters, guide_dir


def test_every_declared_chapter_exists_and_starts_with_a_heading():
    declared = [name for _feature, name in registry.guide_chapters()]
    found = {c.name: c for c in chapters()}
    assert declared and set(declared) == set(found), "write docs/guide/<name>.md for each manifest guide"
    for chapter in found.values():
        assert chapter.text().startswith("# ")
        assert "準備中" not in chapter.text()


def test_every_image_a_chapter_shows_is_shipped():
    import re

    for chapter in chapters():
        for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", chapter.text()):
            assert (guide_dir() / image).is_file(), f"{chapter.name}: {image}"


def test_f1_on_a_page_finds_the_chapter_that_explains_it():
    assert chapter_for_page("home").name == "foundation"
    assert chapter_for_page("inventory").name == "inventory"
