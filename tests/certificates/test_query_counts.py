"""The register, the learner's page and the approval queue read a fixed number of queries."""

from tests.certificates.conftest import complete


def _queries(client, count_queries, url):
    client.get(url)  # warm: session, translations
    with count_queries() as counter:
        assert client.get(url).status_code == 200
    return counter.count


def test_pages_do_not_grow_with_the_register(login_as, world, certified, make_user, count_queries):
    admin = login_as("admin")
    for n in range(2):
        complete(certified["course"], make_user("learner", world["units"]["P1"], name=f"Người {n}"))
    few = {url: _queries(admin, count_queries, url) for url in ("/admin/certificates/", "/admin/certificates/approvals")}
    certified["configure"]("approval")
    for n in range(2, 8):
        complete(certified["course"], make_user("learner", world["units"]["P2"], name=f"Người {n}"))
    many = {url: _queries(admin, count_queries, url) for url in few}
    assert many == few


def test_the_learners_page_does_not_grow(client, world, certified, count_queries, auth):
    learner = world["people"]["learner"]
    complete(certified["course"], learner)
    auth.login(learner)
    assert _queries(client, count_queries, "/certificates/") <= 8
