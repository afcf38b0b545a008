"""A search backend for the forum app under test: it indexes nothing.

The forum (forum v2) indexes every thread in a search server (Elasticsearch, Meilisearch or Typesense) when it is
saved. The community's import reads threads through the forum's Python API and never searches, and no search
server runs in the test machine, so the index is the one part left out.
"""
from forum.search import base


class NoDocuments(base.BaseDocumentSearchBackend):
    def index_document(self, index_name, doc_id, document):
        return None

    def update_document(self, index_name, doc_id, update_data):
        return None

    def delete_document(self, index_name, doc_id):
        return None


class NoSearch(base.BaseSearchBackend):
    DOCUMENT_SEARCH_CLASS = NoDocuments
    INDEX_SEARCH_CLASS = base.BaseIndexSearchBackend
    THREAD_SEARCH_CLASS = base.BaseThreadSearchBackend
