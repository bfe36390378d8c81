"""Evidence inside documents: text, OCR and facts from the PDFs, DOCX and XLSX files SAO sites
link, parsed after the crawl in isolated workers and cached by content hash.

Entry points: ``documents.extract.extract_document`` (one file) and
``documents.process.process_run`` (every pending document of a run; ``oit documents``).
"""
