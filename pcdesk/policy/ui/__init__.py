"""The プライバシーポリシー screens (Qt): the page, the drafting wizard, the comparison."""
