"""The restricted viewset every area's API builds on."""

from django.utils import translation
from rest_framework import mixins, viewsets
from rest_framework.response import Response

from .permissions import restrict


class RestrictedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Read endpoints over ``restrict(queryset, user)``; subclasses add writes through actions."""

    def get_queryset(self):
        return restrict(super().get_queryset(), self.request.user)

    def perform_authentication(self, request):
        """Answer a token user in their saved language unless the call asks for another."""
        super().perform_authentication(request)
        user = request.user
        if user.is_authenticated and "Accept-Language" not in request.headers:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language

    def validated(self, serializer_class, partial=False, instance=None):
        """Return the request body validated by ``serializer_class`` (400 on bad input)."""
        serializer = serializer_class(
            instance=instance,
            data=self.request.data,
            partial=partial,
            context=self.get_serializer_context(),
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def respond(self, instance, status=200):
        return Response(self.get_serializer(instance).data, status=status)
