package cn.henan.skillshub.sources.mapping;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A route file that would be refused at load, handed to the dry run or to {@code PUT /api/v1/sources/{id}}: 422 as
 * problem+json with the line and the reason (which names the field or the parameter).
 */
// Before the hub's own advice (api ApiExceptionHandler), which answers any other exception with a 500.
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = {DryRunController.class, SourceFilesController.class})
class MappingRefusals {

    @ExceptionHandler(MappingRefusedException.class)
    ProblemDetail refused(MappingRefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                "record mapping refused: line " + e.line() + ": " + e.reason());
        problem.setTitle("Record mapping refused");
        problem.setProperty("line", e.line());
        problem.setProperty("reason", e.reason());
        return problem;
    }
}
