"""The index of lessons learned (IATF 10.2.3 f, 10.2.6): the text fingerprint of every complaint
whose 8D closed, so a new complaint, warranty claim or service request finds the earlier cases
most like it. Derived data, rebuilt from the complaint; not a record anyone edits."""

from django.db import models


class LessonPrint(models.Model):
    complaint = models.OneToOneField(
        "complaints.Complaint", models.CASCADE, related_name="lesson_print"
    )
    grams = models.PositiveSmallIntegerField()  # how many distinct grams the text has

    def __str__(self):
        return f"{self.complaint_id}: {self.grams}"


class LessonGram(models.Model):
    complaint = models.ForeignKey("complaints.Complaint", models.CASCADE, related_name="+")
    gram = models.CharField(max_length=3)

    class Meta:
        indexes = [models.Index(fields=["gram", "complaint"], name="lesson_gram")]

    def __str__(self):
        return self.gram
