"""StreamField blocks for knowledge base articles."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from intranet.core.blocks import CalloutBlock, HeadingBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class ProcedureStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=200)
    detail = blocks.RichTextBlock(
        label=_("Detail"),
        required=False,
        features=["bold", "italic", "link", "document-link", "ul"],
    )

    class Meta:
        icon = "arrow-right"
        label = _("Step")


class ProcedureBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    steps = blocks.ListBlock(ProcedureStepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/kb_procedure_block.html"
        label = _("Step-by-step procedure")
        description = _("Numbered steps to follow in order, each with optional detail.")


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")


class QuestionsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    items = blocks.ListBlock(QuestionAnswerBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "help"
        template = "blocks/kb_questions_block.html"
        label = _("Questions and answers")
        description = _(
            "Frequent questions with their answers, shown as a list readers can expand."
        )


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=255)

    class Meta:
        icon = "doc-full"
        template = "blocks/kb_document_block.html"
        label = _("Document")
        description = _("A link to a file in the document library (forms, guides, templates).")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        template = "blocks/kb_image_block.html"
        label = _("Image")
        description = _(
            "An image with an optional caption (its description is the alternative text)."
        )


class TableBlock(blocks.StructBlock):
    """A plain table: header cells and rows of cells, no layout tricks, so that it stays
    accessible and readable on a phone."""

    caption = blocks.CharBlock(label=_("Caption"), max_length=255)
    header = blocks.ListBlock(
        blocks.CharBlock(label=_("Column heading")), label=_("Column headings")
    )
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label=_("Cell"), required=False), label=_("Row")),
        label=_("Rows"),
    )

    class Meta:
        icon = "table"
        template = "blocks/kb_table_block.html"
        label = _("Table")
        description = _("A simple table with a caption and column headings.")


class PageLinksBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    pages = blocks.ListBlock(blocks.PageChooserBlock(label=_("Page")), label=_("Pages"), min_num=1)

    class Meta:
        icon = "link"
        template = "blocks/kb_page_links_block.html"
        label = _("Related pages")
        description = _(
            "Links to other intranet pages: directory entries, legal updates, other articles."
        )


class ArticleStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description=_("Formatted text with links and lists."),
        features=RICH_TEXT_FEATURES,
    )
    callout = CalloutBlock()
    procedure = ProcedureBlock()
    questions = QuestionsBlock()
    document = DocumentLinkBlock()
    image = ImageBlock()
    table = TableBlock()
    related_pages = PageLinksBlock()
