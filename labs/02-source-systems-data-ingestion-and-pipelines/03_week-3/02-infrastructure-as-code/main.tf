terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

# Raw landing zone: files arrive here exactly as the sources sent them.
resource "aws_s3_bucket" "raw" {
  bucket = "${var.project}-raw"
}

resource "aws_s3_bucket_versioning" "raw" {
  bucket = aws_s3_bucket.raw.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "raw" {
  bucket = aws_s3_bucket.raw.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

# Old raw files move to cheaper storage after 30 days and expire after the retention period.
resource "aws_s3_bucket_lifecycle_configuration" "raw" {
  bucket = aws_s3_bucket.raw.id
  rule {
    id     = "age-out-raw-files"
    status = "Enabled"
    filter {}
    transition {
      days          = 30
      storage_class = "STANDARD_IA"
    }
    expiration {
      days = var.raw_retention_days
    }
  }
}

# Analysts may read the curated prefix only.
data "aws_iam_policy_document" "analysts_read" {
  statement {
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.raw.arn, "${aws_s3_bucket.raw.arn}/curated/*"]
  }
}

resource "aws_iam_policy" "analysts_read" {
  name   = "${var.project}-analysts-read"
  policy = data.aws_iam_policy_document.analysts_read.json
}
