"""Transforms a SAM template with the SAM translator cfn-lint ships with, and prints the result as
JSON: what CloudFormation would be given. Usage: sam_transform.py TEMPLATE [Name=Value ...]"""
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402


class NoManagedPolicies:
    def load(self):
        return {}


with open(sys.argv[1], encoding="utf-8") as template_file:
    # sam build would upload CodeUri; the translator only accepts an S3 location.
    template = yaml_parse(template_file.read().replace("CodeUri: functions/", "CodeUri: s3://bucket/functions.zip"))
parameters = dict(argument.split("=", 1) for argument in sys.argv[2:])
json.dump(transform(template, parameters, NoManagedPolicies()), sys.stdout)
