"""A throw-away area for the contract test: everything it offers core, declared in one file."""

from django.http import HttpResponse
from django.urls import path
from rest_framework import permissions, viewsets
from rest_framework.response import Response

from csc.core.apps import AreaConfig, Menu
from csc.core.jobs import Outcome


def things(request):
    return HttpResponse("throw-away things")


class ThingViewSet(viewsets.ViewSet):
    permission_classes = [permissions.IsAuthenticated]

    def list(self, request):
        return Response([{"thing": 1}])


def register(router):
    router.register("throwaway-things", ThingViewSet, basename="throwaway-thing")


def work_for(user):
    return [("Things waiting", "/throwaway/", 1)]


def load(users):
    LOADED.append(sorted(users))


def count_job(job):
    return Outcome(result={"counted": 3})


LOADED = []
GRANTS = {"sales": ["throwaway.view_thing"]}
app_name = "throwaway"
urlpatterns = [path("", things, name="things")]


class ThrowawayConfig(AreaConfig):
    name = "csc.core.tests.throwaway_area"
    label = "throwaway"
    menu = Menu("throwaway", "Throw-away", 99, ((10, "Things", "throwaway:things", ""),))
    work = f"{__name__}.work_for"
    grants = f"{__name__}.GRANTS"
    demo = f"{__name__}.load"
    api = f"{__name__}.register"
    urls = __name__
    jobs = {"throwaway.count": f"{__name__}.count_job"}
