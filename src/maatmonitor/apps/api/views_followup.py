"""Signals (create, list and read scoped, transition) and initiatives (list, create, update),
through the scoped queries and guarded services of apps.followup."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from maatmonitor.apps.followup import queries, services
from maatmonitor.apps.followup.models import Initiative

from .permissions import RolePermission, declare
from .serializers_followup import (
    InitiativeSerializer,
    SignalCreateSerializer,
    SignalSerializer,
    SignalWithContactSerializer,
    TransitionSerializer,
)

PAGE_LIMIT = 500


def _filtered(qs, request: Request, keys: tuple[str, ...]):
    """``qs`` narrowed by the query parameters ``keys``; a value outside the field's choices (or
    one the database cannot store, such as a NUL byte) is a 400 naming the parameter."""
    errors = {}
    for key in keys:
        value = request.query_params.get(key)
        if not value:
            continue
        choices = {str(c) for c, _ in qs.model._meta.get_field(key).flatchoices}
        if "\x00" in value or (choices and value not in choices):
            errors[key] = [f"onbekende waarde {value!r}"]
        else:
            qs = qs.filter(**{key: value})
    if errors:
        raise serializers.ValidationError(errors)
    return qs


def _django_errors(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "message_dict"):
        return serializers.ValidationError(exc.message_dict)
    return serializers.ValidationError(exc.messages)


def _signal_out(request: Request, signal) -> dict:
    # Contact details only for those who handle signals (and only with consent, not purged).
    cls = (
        SignalWithContactSerializer
        if request.user.has_perm("followup.change_signal")
        else SignalSerializer
    )
    return cls(signal).data


SIGNAL_LIST_PERMISSIONS = {"GET": ("followup.view_signal",), "POST": ("followup.add_signal",)}
SIGNAL_READ_PERMISSIONS = {"GET": ("followup.view_signal",)}
SIGNAL_STEP_PERMISSIONS = {"POST": ("followup.change_signal",)}
INITIATIVE_LIST_PERMISSIONS = {
    "GET": ("followup.view_initiative",),
    "POST": ("followup.add_initiative",),
}
INITIATIVE_ITEM_PERMISSIONS = {
    "GET": ("followup.view_initiative",),
    "PUT": ("followup.change_initiative",),
    "PATCH": ("followup.change_initiative",),
}


class SignalList(APIView):
    permission_classes = [RolePermission]
    method_permissions = SIGNAL_LIST_PERMISSIONS
    required_permission = declare(SIGNAL_LIST_PERMISSIONS)

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, description="Only signals with this status."),
            OpenApiParameter("district", str, description="Only signals of this district."),
        ],
        responses=SignalSerializer(many=True),
        operation_id="signals_list",
    )
    def get(self, request: Request) -> Response:
        qs = queries.signals_for(request.user).prefetch_related("events")
        qs = _filtered(qs, request, ("status", "district"))
        return Response(SignalSerializer(qs[:PAGE_LIMIT], many=True).data)

    @extend_schema(
        request=SignalCreateSerializer,
        responses={201: SignalSerializer},
        operation_id="signals_create",
    )
    def post(self, request: Request) -> Response:
        incoming = SignalCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            signal = services.create_signal(by=request.user, **incoming.validated_data)
        except DjangoValidationError as exc:
            raise _django_errors(exc) from exc
        return Response(_signal_out(request, signal), status=status.HTTP_201_CREATED)


class SignalDetail(APIView):
    permission_classes = [RolePermission]
    method_permissions = SIGNAL_READ_PERMISSIONS
    required_permission = declare(SIGNAL_READ_PERMISSIONS)

    @extend_schema(responses=SignalWithContactSerializer, operation_id="signals_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        signal = get_object_or_404(queries.signals_for(request.user), pk=pk)
        return Response(_signal_out(request, signal))


class SignalTransition(APIView):
    """Take one step: acknowledge, assess (needs ``team`` and ``note``), resolve, close, reopen.
    A step the signal's status does not allow answers 409."""

    permission_classes = [RolePermission]
    method_permissions = SIGNAL_STEP_PERMISSIONS
    required_permission = declare(SIGNAL_STEP_PERMISSIONS)

    @extend_schema(
        request=TransitionSerializer,
        responses={200: SignalWithContactSerializer},
        operation_id="signals_transition",
    )
    def post(self, request: Request, pk: int) -> Response:
        signal = get_object_or_404(queries.signals_for(request.user), pk=pk)
        incoming = TransitionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            signal = services.transition(
                signal, data["step"], request.user, note=data["note"], team=data["team"]
            )
        except services.TransitionRefused as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        except DjangoValidationError as exc:
            raise _django_errors(exc) from exc
        return Response(_signal_out(request, signal))


class InitiativeList(APIView):
    permission_classes = [RolePermission]
    method_permissions = INITIATIVE_LIST_PERMISSIONS
    required_permission = declare(INITIATIVE_LIST_PERMISSIONS)

    @extend_schema(
        parameters=[
            OpenApiParameter("district", str),
            OpenApiParameter("status", str),
            OpenApiParameter("dimension", str),
        ],
        responses=InitiativeSerializer(many=True),
        operation_id="initiatives_list",
    )
    def get(self, request: Request) -> Response:
        qs = _filtered(
            queries.initiatives_for(request.user), request, ("district", "status", "dimension")
        )
        return Response(InitiativeSerializer(qs[:PAGE_LIMIT], many=True).data)

    @extend_schema(
        request=InitiativeSerializer,
        responses={201: InitiativeSerializer},
        operation_id="initiatives_create",
    )
    def post(self, request: Request) -> Response:
        incoming = InitiativeSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        try:
            initiative = services.save_initiative(
                Initiative(**incoming.validated_data), by=request.user
            )
        except DjangoValidationError as exc:
            raise _django_errors(exc) from exc
        return Response(InitiativeSerializer(initiative).data, status=status.HTTP_201_CREATED)


class InitiativeDetail(APIView):
    permission_classes = [RolePermission]
    method_permissions = INITIATIVE_ITEM_PERMISSIONS
    required_permission = declare(INITIATIVE_ITEM_PERMISSIONS)

    def _get(self, request: Request, pk: int) -> Initiative:
        return get_object_or_404(queries.initiatives_for(request.user), pk=pk)

    @extend_schema(responses=InitiativeSerializer, operation_id="initiatives_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        return Response(InitiativeSerializer(self._get(request, pk)).data)

    def _update(self, request: Request, pk: int, partial: bool) -> Response:
        initiative = self._get(request, pk)
        incoming = InitiativeSerializer(
            initiative, data=request.data, partial=partial, context={"request": request}
        )
        incoming.is_valid(raise_exception=True)
        for field, value in incoming.validated_data.items():
            setattr(initiative, field, value)
        try:
            services.save_initiative(initiative, by=request.user)
        except DjangoValidationError as exc:
            raise _django_errors(exc) from exc
        return Response(InitiativeSerializer(initiative).data)

    @extend_schema(
        request=InitiativeSerializer,
        responses=InitiativeSerializer,
        operation_id="initiatives_update",
    )
    def put(self, request: Request, pk: int) -> Response:
        return self._update(request, pk, partial=False)

    @extend_schema(
        request=InitiativeSerializer,
        responses=InitiativeSerializer,
        operation_id="initiatives_partial_update",
    )
    def patch(self, request: Request, pk: int) -> Response:
        return self._update(request, pk, partial=True)
